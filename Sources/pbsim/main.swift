import ArgumentParser
import PBSimCLI

PBSim.main()

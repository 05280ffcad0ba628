/// The version of pbsim, the one constant for it: `pbsim --version` prints it and every batch result
/// records it with its task.
public let pbsimVersion = "0.5.0"

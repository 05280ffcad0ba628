META
key;value
description;not parsed by PBScenario, only checked to exist

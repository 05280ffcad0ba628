import ArgumentParser

/// How commands that compute on a `.pb` file read it (one declaration of `--lenient` for all).
struct ReadingOptions: ParsableArguments {
    @Flag(
        help:
            "Read a file whose num_votes or num_projects disagrees with its contents (a warning instead of an error)."
    )
    var lenient = false
}

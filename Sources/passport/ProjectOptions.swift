import ArgumentParser
import Foundation
import PassportModel

/// The producer project folder most commands work on.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The producer project folder (the one holding passport.yaml).")
    var project: String = "."

    var url: URL { URL(fileURLWithPath: project).standardizedFileURL }

    /// How the folder is shown in messages: as typed, or nothing for the current folder.
    var display: String { project == "." || project == "./" ? "" : project }

    /// Loads and validates the project, printing every problem and exiting 1 when there are any.
    func load() throws -> Project {
        do {
            return try ProjectLoader.load(root: url, displayRoot: display)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }
}

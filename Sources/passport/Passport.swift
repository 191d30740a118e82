import ArgumentParser
import Credentials

/// The `passport` command: from a producer's records to signed passports, pages, labels and checks.
@main
struct Passport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passport",
        abstract: "Digital product passports for small producers: signed records, a passport site, QR labels, and counter checks.",
        discussion: """
        Start with `passport init my-farm` to get an example project, edit the YAML files, \
        check them with `passport check my-farm`, then `passport build my-farm` to sign your \
        passports and write the site and labels into ./output.

        Shell completion: `passport --generate-completion-script bash` (or zsh, fish) prints a \
        script to load, e.g. into ~/.local/share/bash-completion/completions/passport.
        """,
        version: PassportSoftware.version,
        subcommands: [InitCommand.self, CheckCommand.self, KeysCommand.self, CertifyCommand.self, InputsCommand.self,
                      AttestCommand.self, BuildCommand.self, RevokeCommand.self, LabelsCommand.self, DemoCommand.self,
                      NetworkCommand.self, BenchCommand.self, VerifyCommand.self, TrustCommand.self, ScansCommand.self,
                      ServeCommand.self]
    )
}

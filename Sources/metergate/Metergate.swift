import ArgumentParser

@main
struct Metergate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metergate",
        abstract: "Smart-meter data collector and AMR gateway for Modbus TCP and RTU meters.",
        subcommands: [ReadCommand.self]
    )
}

/// A tariff as billing determinants need it: which band every local minute of every season
/// and kind of day falls in, the energy blocks, and how demand is measured.
///
/// A `Tariff` is valid by construction: `init` checks that the seasons cover every day of the
/// year once and that every minute of every season and kind of day is in exactly one band,
/// because a gap would drop energy from the bill and an overlap would bill it twice.
public struct Tariff: Sendable, Hashable {
    public let id: String
    public let name: String
    /// Band names in the order determinants list them.
    public let bands: [String]
    public let seasons: [Season]
    public let dayRules: DayRules
    /// One per season, in `seasons` order.
    public let schedules: [SeasonSchedule]
    public let blocks: EnergyBlocks?
    public let demand: DemandRule
    public let rates: [Rate]

    public init(id: String, name: String, bands: [String], seasons: [Season] = [.allYear], dayRules: DayRules = DayRules(),
                schedules: [SeasonSchedule], blocks: EnergyBlocks? = nil, demand: DemandRule,
                rates: [Rate] = []) throws(TariffError) {
        self.id = id
        self.name = name
        self.bands = bands
        self.seasons = seasons
        self.dayRules = dayRules
        self.blocks = blocks
        self.demand = demand
        self.rates = rates
        // Schedules in season order, whatever order they came in.
        var ordered: [SeasonSchedule] = []
        for season in seasons {
            guard let schedule = schedules.first(where: { $0.season == season.name }) else {
                throw TariffError(tariff: id, season: season.name, problem: .missingSchedule)
            }
            ordered.append(schedule)
        }
        self.schedules = ordered
        if let stray = schedules.first(where: { schedule in !seasons.contains { $0.name == schedule.season } }) {
            throw TariffError(tariff: id, season: stray.season, problem: .scheduleForUnknownSeason)
        }
        try checkBands()
        try checkSeasons()
        try checkSchedules()
        try checkBlocksDemandAndRates()
    }

    /// The season named `name`, if the tariff has it.
    public func schedule(for season: String) -> SeasonSchedule? { schedules.first { $0.season == season } }

    // MARK: - Validation

    private func fail(_ problem: TariffError.Problem, season: String? = nil, day: DayKind? = nil) -> TariffError {
        TariffError(tariff: id, season: season, dayKind: day, problem: problem)
    }

    private func checkBands() throws(TariffError) {
        guard !bands.isEmpty else { throw fail(.noBands) }
        for (index, band) in bands.enumerated() where bands[..<index].contains(band) { throw fail(.duplicateBand(band)) }
    }

    private func checkSeasons() throws(TariffError) {
        guard !seasons.isEmpty else { throw fail(.noSeasons) }
        for (index, season) in seasons.enumerated() where seasons[..<index].contains(where: { $0.name == season.name }) {
            throw fail(.duplicateSeason(season.name))
        }
        for day in MonthDay.allDays {
            let holding = seasons.filter { $0.contains(day) }.map(\.name)
            if holding.isEmpty { throw fail(.dayWithoutSeason(day)) }
            if holding.count > 1 { throw fail(.dayInSeveralSeasons(day, seasons: holding)) }
        }
    }

    private func checkSchedules() throws(TariffError) {
        for schedule in schedules {
            for kind in DayKind.allCases {
                let day = schedule[kind]
                if let unknown = day.periods.first(where: { !bands.contains($0.band) }) {
                    throw fail(.unknownBand(unknown.band), season: schedule.season, day: kind)
                }
                if let problem = day.coverageProblem() { throw fail(problem, season: schedule.season, day: kind) }
            }
        }
    }

    private func checkBlocksDemandAndRates() throws(TariffError) {
        if let blocks {
            if let band = blocks.band, !bands.contains(band) { throw fail(.badBlocks("unknown band '\(band)'")) }
            guard !blocks.upperBoundsKWh.isEmpty else { throw fail(.badBlocks("give at least one upper bound")) }
            guard blocks.upperBoundsKWh.allSatisfy({ $0.isFinite && $0 > 0 }),
                  zip(blocks.upperBoundsKWh, blocks.upperBoundsKWh.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw fail(.badBlocks("upper bounds must be positive and increasing"))
            }
        }
        guard DemandRule.allowedWindows.contains(demand.windowMinutes) else { throw fail(.badDemandWindow(demand.windowMinutes)) }
        for (index, rate) in rates.enumerated() {
            if let season = rate.season, !seasons.contains(where: { $0.name == season }) {
                throw fail(.badRate(index: index, reason: "unknown season '\(season)'"))
            }
            if let band = rate.band, !bands.contains(band) { throw fail(.badRate(index: index, reason: "unknown band '\(band)'")) }
            if let block = rate.block {
                let count = (blocks?.upperBoundsKWh.count).map { $0 + 1 } ?? 0
                guard (1...max(1, count)).contains(block), count > 0 else {
                    throw fail(.badRate(index: index, reason: "block \(block) is not one of the tariff's \(count) blocks"))
                }
            }
            guard rate.price.isFinite else { throw fail(.badRate(index: index, reason: "the price is not a number")) }
        }
    }
}

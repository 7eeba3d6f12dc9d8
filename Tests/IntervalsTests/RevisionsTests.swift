import Foundation
import Intervals
import Testing

@Suite struct RevisionsTests {
    let start = Date(timeIntervalSince1970: 1_776_344_400)  // 2026-04-16T13:00Z

    func actual(_ wh: Double, _ source: IntervalSource = .meterProfile) -> EnergyInterval {
        EnergyInterval(start: start, lengthSeconds: 900, energyWh: wh, source: source)
    }

    func estimate(_ wh: Double, _ method: EstimationMethod = .likeDay) -> EnergyInterval {
        EnergyInterval(start: start, lengthSeconds: 900, energyWh: wh, quality: method.quality, source: .estimate,
                       estimation: method, flags: [.missing])
    }

    var missing: EnergyInterval { EnergyInterval(start: start, lengthSeconds: 900, energyWh: nil, source: .registerReads, flags: [.missing]) }

    @Test func lateActualDataSupersedesAnEstimate() {
        // The meter came back and its stored profile was read: a new revision over the like-day estimate.
        #expect(Revisions.supersedes(actual(31.2), latest: estimate(30)))
        #expect(Revisions.supersedes(actual(30), latest: estimate(30)))  // same value, but now actual
        #expect(Revisions.supersedes(actual(30, .registerReads), latest: estimate(30, .flatHold)))
    }

    @Test func anEstimateNeverSupersedesActualData() {
        #expect(!Revisions.supersedes(estimate(45), latest: actual(30)))
        #expect(!Revisions.supersedes(estimate(45, .flatHold), latest: actual(30, .registerReads)))
        #expect(!Revisions.supersedes(missing, latest: actual(30)))
    }

    @Test func meterProfileSupersedesRegistersButNotTheOtherWayRound() {
        #expect(Revisions.supersedes(actual(30.4), latest: actual(30, .registerReads)))
        #expect(!Revisions.supersedes(actual(30.4, .registerReads), latest: actual(30)))
    }

    @Test func valuesWithinHalfAMilliwattHourAreTheSame() {
        #expect(!Revisions.supersedes(actual(30.0004), latest: actual(30)))  // |diff| 0.0004 <= 0.0005
        #expect(Revisions.supersedes(actual(30.0006), latest: actual(30)))  // |diff| 0.0006 > 0.0005
        #expect(!Revisions.supersedes(actual(30), latest: actual(30)))
    }

    @Test func newFlagsOrQualityMakeANewRevision() {
        var flagged = actual(30)
        flagged.flags = [.spike]
        flagged.quality = .questionable
        #expect(Revisions.supersedes(flagged, latest: actual(30)))
        #expect(Revisions.supersedes(estimate(30), latest: estimate(30, .flatHold)))  // a better estimate replaces a flat hold
    }

    @Test func firstRevisionIsStoredUnlessThereIsNothingToStore() {
        #expect(Revisions.supersedes(actual(30), latest: nil))
        #expect(Revisions.supersedes(estimate(30), latest: nil))
        #expect(!Revisions.supersedes(missing, latest: nil))
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>
/// Azurite (the task hub, the report index, the ledgers: all the host's storage) stopped for 60 s in the middle of a
/// review, right after a decision was accepted, while the host keeps running; then started again on the same data.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class StorageOutageTests(OutageWorld world)
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_storage_down_for_60_s_mid_review_a_decision_is_refused_and_afterwards_the_report_completes_with_nothing_twice()
    {
        var report = FaultsWorld.NewReport("storage");
        await world.CreateAsync(report);
        // Signed in before the outage: signing in needs storage too.
        foreach (var reviewer in FaultReport.Reviewers) await world.Api.SessionAsync(reviewer);
        await world.SubmitAsync(report);
        await world.Api.WaitForAsync(report.AgencyId, FaultReport.Year, "InReview", level: 1, round: 1);
        await world.Api.ApproveAsync(report.AgencyId, FaultReport.Year, 1, 1, FaultReport.Reviewers[0]);
        await world.Api.WaitForAsync(report.AgencyId, FaultReport.Year, "InReview", level: 2, round: 1);
        // The outage starts while the engine takes this decision: it records level 3 and asks its reviewer.
        await world.Api.ApproveAsync(report.AgencyId, FaultReport.Year, 2, 1, FaultReport.Reviewers[1]);
        var stoppedAt = DateTime.UtcNow;
        await world.Host.StopStorageAsync();
        try
        {
            // From outside, during the outage: the next decision is refused with an error, not accepted and lost.
            using var refused = await world.Api.DecideAsync(report.AgencyId, FaultReport.Year, 3, 1, FaultReport.Reviewers[2]);
            Assert.True((int)refused.StatusCode >= 500, $"a decision while storage is down: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            var left = Outage - (DateTime.UtcNow - stoppedAt);
            if (left > TimeSpan.Zero) await Task.Delay(left);
        }
        finally
        {
            await world.Host.StartStorageAsync();
        }

        await WaitUntilAsync(report, r => (string?)r["status"]!["stage"] == "InReview" && (int?)r["status"]!["level"] == 3, TimeSpan.FromMinutes(3));
        await world.ApproveToPublishedAsync(report, fromLevel: 3);
        await world.AssertPublishedOnceAsync(report);
    }

    /// <summary>Polls the report, answers that fail (the host's storage clients reconnecting) included, until the condition holds.</summary>
    private async Task<JsonObject> WaitUntilAsync(FaultReport report, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < until)
        {
            try
            {
                var state = await world.Api.GetReportAsync(report.AgencyId, FaultReport.Year);
                if (condition(state)) return state;
                last = state.ToJsonString();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{report.AgencyId} after the outage: {last[..Math.Min(400, last.Length)]}\nThe host's warnings:\n{world.HostTrouble(120)}");
    }
}

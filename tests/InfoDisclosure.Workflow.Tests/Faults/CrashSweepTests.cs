using System.Net;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>
/// kill -9 of the local host at every activity boundary of a whole chain (submission, three levels, 报送, publication),
/// systematically. A clean run counts the chain's activities (K, whatever the orchestrator version schedules); then K
/// reports run the chain at once, report k held by the host's CrashPlan hook right after its k-th activity ran and
/// before the engine committed the result, and one SIGKILL crashes all K at their boundaries. After the restart every
/// held activity runs again (its effects were already done), and each report must still be published with every
/// e-mail, the 报送, and the publication exactly once.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashSweepTests(CrashWorld world)
{
    private const string PlanSetting = "LocalHost__CrashPlan";
    private const string HeldLine = "CRASH PLAN: {0} held at activity {1} ";

    [Fact]
    public async Task A_kill_9_at_each_activity_boundary_of_a_whole_chain_loses_nothing_and_does_nothing_twice()
    {
        var clean = FaultsWorld.NewReport("clean");
        await world.CreateAsync(clean);
        await world.SubmitAsync(clean);
        await world.ApproveToPublishedAsync(clean);
        await world.AssertPublishedOnceAsync(clean);
        var activities = await world.ScheduledActivitiesAsync(clean);
        Assert.True(activities.Count >= 8, $"a whole chain schedules more than {activities.Count} activities: {string.Join(", ", activities)}");

        var reports = activities.Select((_, i) => FaultsWorld.NewReport($"kill{i + 1}")).ToList();
        await world.Host.RestartAsync(new Dictionary<string, string>
        {
            [PlanSetting] = string.Join(";", reports.Select((r, i) => $"{r.InstanceId}={i + 1}")),
        });
        foreach (var report in reports) await world.CreateAsync(report);

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var drivers = reports.Select(r => DriveToPublishedAsync(r, giveUp.Token)).ToList();
        var killed = world.Host.Host;
        await WaitForExitAsync(killed, TimeSpan.FromMinutes(10));

        // Every report was at its boundary when the one SIGKILL came.
        var plan = string.Join("\n", killed.Output.Split('\n').Where(l => l.StartsWith("CRASH PLAN:", StringComparison.Ordinal)));
        for (var k = 1; k <= reports.Count; k++)
            Assert.True(plan.Contains(string.Format(HeldLine, reports[k - 1].InstanceId, k), StringComparison.Ordinal), $"report {k} was not held:\n{plan}");
        Assert.Contains("CRASH PLAN: SIGKILL (every listed instance is at its boundary)", plan);
        Assert.Equal(137, killed.ExitCode);

        await world.Host.RestartAsync(new Dictionary<string, string> { [PlanSetting] = "" });
        await Task.WhenAll(drivers);
        foreach (var report in reports)
        {
            await world.Mailbox.WaitForAsync(m => m.Subject == $"【已发布】{report.Title}", TimeSpan.FromSeconds(60));
            await world.AssertPublishedOnceAsync(report);
            // The same steps as the clean run: a replay after the crash scheduled nothing else and nothing more.
            Assert.Equal(activities, await world.ScheduledActivitiesAsync(report));
        }
    }

    private static async Task WaitForExitAsync(LocalHostProcess host, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!host.HasExited)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"The host was not killed by its crash plan within {timeout}:\n{host.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// What the drafter and the reviewers do, whatever the host's state: submit, then approve each level once it shows,
    /// until the report is published. A call that fails because the host is down or starting is made again; a decision
    /// answered 409 was taken by an earlier call whose answer the crash cut off.
    /// </summary>
    private async Task DriveToPublishedAsync(FaultReport report, CancellationToken ct)
    {
        var approved = new HashSet<int>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var state = await world.Api.GetReportAsync(report.AgencyId, FaultReport.Year);
                var status = state["status"]!;
                var stage = (string?)status["stage"];
                if (stage == "Published" && (string?)state["workflow"]?["runtimeStatus"] == "Completed") return;
                if (stage == "Draft")
                {
                    using var submitted = await world.Api.SubmitAsync(report.AgencyId, FaultReport.Year);
                }
                else if (stage == "InReview" && (int?)status["level"] is { } level && !approved.Contains(level))
                {
                    using var decided = await world.Api.DecideAsync(report.AgencyId, FaultReport.Year, level, 1, FaultReport.Reviewers[level - 1]);
                    if (decided.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict) approved.Add(level);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The host is down or not ready yet.
            }
            await Task.Delay(300, ct);
        }
    }
}

using System.Text.Json.Nodes;
using InfoDisclosure.Workflow.Tests.Api;

namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>
/// Issue 11's done-when: an SMTP server down for 2 minutes right after a submission, then back, leaves the report to
/// complete its chain with each e-mail sent once. The host runs the production retry settings (Sending__*: 30 s,
/// doubling, at most 5 minutes apart), so the review request goes out at the first retry after the server is back
/// (attempts at about 0, 30, 90 and 210 s).
/// </summary>
[Collection(MailOutageCollection.Name)]
public sealed class MailOutageTests(MailOutageWorld world)
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_SMTP_server_down_for_2_minutes_after_a_submission_leaves_the_report_to_complete_its_chain_with_each_email_once()
    {
        var report = FaultsWorld.NewReport("smtp2min");
        await world.CreateAsync(report);
        // The reviewers sign in before the outage (their sign-in links come by e-mail too).
        foreach (var reviewer in FaultReport.Reviewers) await world.Api.SessionAsync(reviewer);
        await world.StopSmtpAsync();
        var stoppedAt = DateTime.UtcNow;
        try
        {
            await world.SubmitAsync(report);
            var flagged = await WaitForAsync(report, r => (bool?)r["status"]!["notificationFailed"] == true, ApiDriver.Patience);
            Assert.Equal(("InReview", 1), ((string?)flagged["status"]!["stage"], (int?)flagged["status"]!["level"]));
            var left = Outage - (DateTime.UtcNow - stoppedAt);
            if (left > TimeSpan.Zero) await Task.Delay(left);

            // Two minutes on: still running, still at level 1, still flagged; nothing went out.
            var during = await world.Api.GetReportAsync(report.AgencyId, FaultReport.Year);
            Assert.Equal(("Running", "InReview", 1, true),
                ((string?)during["workflow"]!["runtimeStatus"], (string?)during["status"]!["stage"], (int?)during["status"]!["level"], (bool?)during["status"]!["notificationFailed"]));
            Assert.Empty(world.MailAbout(report));
        }
        finally
        {
            await world.StartSmtpAsync();
        }

        await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith($"【待审核】{report.Title}", StringComparison.Ordinal), TimeSpan.FromMinutes(4));
        await WaitForAsync(report, r => (bool?)r["status"]!["notificationFailed"] == false, ApiDriver.Patience);
        await world.ApproveToPublishedAsync(report);
        var final = await world.AssertPublishedOnceAsync(report);
        var audit = final["audit"]!.AsArray().Select(a => (string?)a!["action"]).ToList();
        Assert.Single(audit, a => a == "notification-failing");
        Assert.Single(audit, a => a == "notification-recovered");
    }

    private async Task<JsonObject> WaitForAsync(FaultReport report, Func<JsonObject, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await world.Api.GetReportAsync(report.AgencyId, FaultReport.Year);
            if (condition(state)) return state;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{report.AgencyId}: {state["status"]} {state["workflow"]}");
            await Task.Delay(500);
        }
    }
}

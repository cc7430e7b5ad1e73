using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Monitoring;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>
/// Duplicates from outside: a decision event delivered to the orchestration twice (as an at-least-once delivery or a
/// replayed raise would), and decision forms submitted twice at once (a double click, a retried request).
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DuplicateDecisionTests(OutageWorld world)
{
    private const string Second = "second@example.gov.cn";

    [Fact]
    public async Task A_decision_event_delivered_twice_and_forms_submitted_twice_move_the_chain_once_and_send_each_email_once()
    {
        var report = FaultsWorld.NewReport("dup");
        // Level 1 needs both reviewers (rule all): a second copy of one reviewer's approval must not stand for the other's.
        await world.CreateAsync(report, ApiDriver.Level("all", ("赵编辑", FaultReport.Reviewers[0]), ("孙校对", Second)));
        await world.SubmitAsync(report);
        await world.Api.WaitForAsync(report.AgencyId, FaultReport.Year, "InReview", level: 1, round: 1);

        var eventName = WorkflowEvents.Decision(1, 1);
        await world.Api.ApproveAsync(report.AgencyId, FaultReport.Year, 1, 1, FaultReport.Reviewers[0]);
        var first = (await RaisedAsync(report, eventName, FaultReport.Reviewers[0], count: 1))[0];

        // The same event, same payload, delivered again.
        await using (var engine = EngineClient.For(world.Host))
        {
            await engine.GetRequiredService<DurableTaskClient>().RaiseEventAsync(report.InstanceId, eventName, JsonNode.Parse(first.GetString("Input")!));
        }
        var history = await RaisedAsync(report, eventName, FaultReport.Reviewers[0], count: 2);
        var afterDuplicate = await HistoryAfterAsync(report, history[1]);
        Assert.DoesNotContain("TaskScheduled", afterDuplicate);
        var state = await world.Api.GetReportAsync(report.AgencyId, FaultReport.Year);
        Assert.Equal(("InReview", 1), ((string?)state["status"]!["stage"], (int?)state["status"]!["level"]));

        // The second reviewer's form, submitted twice at once: one is taken, the other told it is decided.
        await DoubleSubmitAsync(report, 1, Second);
        await world.Api.WaitForAsync(report.AgencyId, FaultReport.Year, "InReview", level: 2, round: 1);
        await DoubleSubmitAsync(report, 2, FaultReport.Reviewers[1]);
        await world.ApproveToPublishedAsync(report, fromLevel: 3);

        var final = await world.AssertPublishedOnceAsync(report, decisions: 4);
        Assert.Single(world.MailAbout(report), m => m.Subject.StartsWith("【待审核】", StringComparison.Ordinal) && m.To.Contains(Second));
        var levelOne = final["reviewTrail"]!.AsArray().Single(l => (int?)l!["level"] == 1)!["decisions"]!.AsArray();
        Assert.Equal([FaultReport.Reviewers[0], Second], levelOne.Select(d => (string?)d!["reviewerEmail"]).Order(StringComparer.Ordinal));
    }

    private async Task DoubleSubmitAsync(FaultReport report, int level, string reviewer)
    {
        // One signed-in session first, so both posts race on the decision and not on the sign-in.
        await world.Api.SessionAsync(reviewer);
        var answers = await Task.WhenAll(
            world.Api.DecideAsync(report.AgencyId, FaultReport.Year, level, 1, reviewer),
            world.Api.DecideAsync(report.AgencyId, FaultReport.Year, level, 1, reviewer));
        var statuses = answers.Select(a => a.StatusCode).Order().ToList();
        foreach (var answer in answers) answer.Dispose();
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], statuses);
    }

    /// <summary>The orchestration's processed events of this name whose payload names the reviewer, once there are <paramref name="count"/>.</summary>
    private async Task<List<TableEntity>> RaisedAsync(FaultReport report, string eventName, string reviewer, int count)
    {
        var until = DateTime.UtcNow + ApiDriver.Patience;
        while (true)
        {
            var raised = (await HistoryAsync(report)).Where(e => e.GetString("EventType") == "EventRaised" && e.GetString("Name") == eventName
                && (e.GetString("Input") ?? "").Contains(reviewer, StringComparison.Ordinal)).ToList();
            if (raised.Count >= count) return raised;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{report.InstanceId} processed {raised.Count} of {count} {eventName} events.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// What the orchestration recorded after an event: the Azure Storage backend writes an episode's history together,
    /// so once the event shows, everything its episode scheduled shows too.
    /// </summary>
    private async Task<List<string>> HistoryAfterAsync(FaultReport report, TableEntity raised) =>
        (await HistoryAsync(report)).SkipWhile(e => e.RowKey != raised.RowKey).Skip(1).Select(e => e.GetString("EventType") ?? "").ToList();

    private async Task<List<TableEntity>> HistoryAsync(FaultReport report)
    {
        var rows = await world.Api.Table(world.Host.TaskHubName + "History")
            .QueryAsync<TableEntity>(e => e.PartitionKey == report.InstanceId).ToListAsync();
        return rows.Where(e => e.RowKey != "sentinel").OrderBy(e => e.RowKey, StringComparer.Ordinal).ToList();
    }
}

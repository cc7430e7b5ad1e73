using InfoDisclosure.Workflow.Review;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Monitoring;
using InfoDisclosure.Workflow.Retention;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.Monitoring;

/// <summary>
/// The purge of finished instances (summarised into the audit first) and the health counts behind the alerts, on the
/// local host's task hub in Azurite, with the services' clock moved instead of waiting.
/// </summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class RetentionAndHealthTests(LocalHostFixture host) : IAsyncLifetime
{
    private readonly ApiDriver _api = new(host);
    private ServiceProvider _services = null!;
    private DurableTaskClient Durable => _services.GetRequiredService<DurableTaskClient>();
    private TableServiceClient Tables => new(host.StorageConnectionString);

    public Task InitializeAsync()
    {
        _services = EngineClient.For(host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_published_report_s_instance_is_kept_for_the_retention_period_then_summarised_into_the_audit_and_purged()
    {
        var id = ApiDriver.NewAgencyId("purge");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        (await _api.CreateReportAsync(id, 2022)).Dispose();
        await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        (await _api.SubmitAsync(id, 2022)).Dispose();
        await _api.WaitForAsync(id, 2022, "InReview", level: 1);
        await _api.ApproveAsync(id, 2022, 1, 1, "editor@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 2);
        await _api.ApproveAsync(id, 2022, 2, 1, "chief@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 3);
        await _api.ApproveAsync(id, 2022, 3, 1, "leader@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "Published");
        var instanceId = $"report-{id}-2022";
        var finished = await WaitUntilCompletedAsync(instanceId);
        var auditBefore = await new AuditLog(Tables).ReadAsync(instanceId, CancellationToken.None);

        // A day before the 400 days are over the instance stays; a day after, it is summarised and purged.
        var clock = new FakeTimeProvider(finished.LastUpdatedAt.AddDays(399));
        var retention = new InstanceRetention(new AuditLog(Tables), clock, Options.Create(new RetentionOptions()), NullLogger<InstanceRetention>.Instance);
        var early = await retention.PurgeExpiredAsync(Durable, CancellationToken.None, instanceId);
        Assert.Equal(new RetentionRun(0, 0), early);
        Assert.NotNull(await Durable.GetInstanceAsync(instanceId));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new RetentionRun(1, 0), await retention.PurgeExpiredAsync(Durable, CancellationToken.None, instanceId));
        Assert.Null(await Durable.GetInstanceAsync(instanceId));
        Assert.Equal(new RetentionRun(0, 0), await retention.PurgeExpiredAsync(Durable, CancellationToken.None, instanceId));

        // The audit keeps every entry it had, plus one summary of the instance.
        var audit = await new AuditLog(Tables).ReadAsync(instanceId, CancellationToken.None);
        Assert.Equal(auditBefore.Count + 1, audit.Count);
        var summary = JsonNode.Parse(audit.Single(a => a.Action == InstanceRetention.SummaryAction).Detail!)!;
        Assert.Equal(ReportWorkflowV3.Name, (string?)summary["orchestrator"]);
        Assert.Equal("Completed", (string?)summary["runtimeStatus"]);
        Assert.Equal(finished.CreatedAt, (DateTimeOffset)summary["createdAt"]!);
        Assert.Equal(finished.LastUpdatedAt, (DateTimeOffset)summary["finishedAt"]!);
        var stages = summary["stageChanges"]!.AsArray().Select(s => (string)s!["action"]!).ToList();
        Assert.Equal("published", stages[^1]);
        Assert.Equal(3, stages.Count(s => s == "level-started"));
        Assert.Contains("approved", stages);
        var decisions = summary["decisions"]!.AsArray();
        Assert.Equal(["decision-approve", "decision-approve", "decision-approve"], decisions.Select(d => (string)d!["action"]!));
        Assert.Equal([1, 2, 3], decisions.Select(d => (int)d!["level"]!));
        Assert.Contains("leader@example.gov.cn", (string)decisions[2]!["actor"]!);
        Assert.Contains("\"Published\"", (string?)summary["output"]);
        // The report itself (index, documents) is untouched: only the engine's copy of its history went.
        Assert.Equal("Published", (string?)(await _api.GetReportAsync(id, 2022))["status"]!["stage"]);
    }

    [Fact]
    public async Task A_report_whose_stage_has_not_moved_for_longer_than_the_alert_setting_is_counted_as_stuck()
    {
        var id = ApiDriver.NewAgencyId("stuck");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        (await _api.CreateReportAsync(id, 2022)).Dispose();
        await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        (await _api.SubmitAsync(id, 2022)).Dispose();
        await _api.WaitForAsync(id, 2022, "InReview", level: 1);
        // The submission shows level 1 at once; the workflow records the level (its due date) a moment later, and that
        // write is the report's last change.
        var since = (await LevelRecordedAsync(id, 2022)).UpdatedAt;

        var options = Options.Create(new AlertOptions { StuckAfter = TimeSpan.FromDays(3) });
        Task<WorkflowHealth> ProbeAsync(TimeSpan offset) => new WorkflowHealthProbe(new ReportIndex(Tables), new FakeTimeProvider(since.AddDays(3) + offset), options)
            .RefreshAsync(Durable, CancellationToken.None);
        // 1 ms short of three days after its last change the report is not stuck yet, 1 ms past it is. Other tests'
        // reports on this host come and go meanwhile, so the test looks for this one by name, not at the count.
        var before = await ProbeAsync(TimeSpan.FromMilliseconds(-1));
        var after = await ProbeAsync(TimeSpan.FromMilliseconds(1));

        Assert.DoesNotContain($"{id}/2022", before.StuckReports);
        Assert.Contains($"{id}/2022", after.StuckReports);
        Assert.Equal(after.StuckReports.Count, after.StuckByStage.Values.Sum());
        Assert.Equal(0, after.FailedInstances);

        // The gauges report the last count, by stage.
        var reported = await ProbeAsync(TimeSpan.FromMilliseconds(1));
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowTelemetry.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var stage = tags.ToArray().FirstOrDefault(t => t.Key == "stage").Value as string;
            seen[instrument.Name + (stage is null ? "" : "/" + stage)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(reported.StuckByStage["InReview"], seen[WorkflowTelemetry.StuckReportsMetric + "/InReview"]);
        Assert.Equal(0, seen[WorkflowTelemetry.FailedInstancesMetric]);

        // What the orchestrator calls where it logs "NotificationFailing": a counter tagged with what failed to go out.
        WorkflowTelemetry.NotificationFailing("delivery");
        Assert.Equal(1, seen[WorkflowTelemetry.NotificationsFailingMetric]);
    }

    private async Task<OrchestrationMetadata> WaitUntilCompletedAsync(string instanceId)
    {
        var deadline = DateTime.UtcNow + ApiDriver.Patience;
        while (true)
        {
            var instance = await Durable.GetInstanceAsync(instanceId);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed) return instance;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{instanceId} is {instance?.RuntimeStatus}, not Completed, after {ApiDriver.Patience}.");
            await Task.Delay(100);
        }
    }

    private async Task<ReportIndexEntry> LevelRecordedAsync(string agencyId, int year)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var entry = (await new ReportIndex(Tables).GetAsync(agencyId, year, CancellationToken.None))!;
            if (entry.LevelDueAt is not null) return entry;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{agencyId}/{year}: the workflow did not record level 1 within 2 minutes.");
            await Task.Delay(100);
        }
    }
}

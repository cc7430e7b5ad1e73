using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;
using InfoDisclosure.Workflow.Tests.Publishing;

namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>One report of a fault test: its agency, the title its e-mails carry, and its orchestration instance.</summary>
public sealed record FaultReport(string AgencyId)
{
    public const int Year = 2022;
    public static readonly string[] Reviewers = ["editor@example.gov.cn", "chief@example.gov.cn", "leader@example.gov.cn"];

    public string Title => $"测试局{AgencyId}{Year}年政府信息公开工作年度报告";
    public string InstanceId => StorageNames.ReportKey(AgencyId, Year);
}

/// <summary>
/// The world of the fault-injection tests: the local host as a process on its own Azurite (kept on disk, so it can be
/// stopped and started again), a real SMTP server that can go down and come back on its port, and a real portal
/// receiver. Each collection of fault tests has a world of its own: the faults stop things the whole host depends on,
/// and the long tests run beside the rest of the suite instead of in a shared collection.
/// </summary>
public abstract class FaultsWorld : IAsyncLifetime
{
    public LocalHostFixture Host { get; private set; } = null!;
    public PortalReceiver Portal { get; private set; } = null!;
    public DevMailbox Mailbox { get; } = new(TimeProvider.System);
    public ApiDriver Api { get; private set; } = null!;
    private EmbeddedSmtpServer? _smtp;
    private int _smtpPort;

    /// <summary>What this world's host runs with besides the portal and SMTP server (retry settings, testing mode).</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    public async Task InitializeAsync()
    {
        Portal = await PortalReceiver.StartAsync("portal-secret-" + Guid.NewGuid().ToString("N"));
        _smtp = await EmbeddedSmtpServer.StartAsync(Mailbox);
        _smtpPort = _smtp.Port;
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Portal__Endpoint"] = Portal.Endpoint,
            ["Portal__Secret"] = Portal.Secret,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = _smtpPort.ToString(CultureInfo.InvariantCulture),
        };
        Host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions { PersistStorage = true, Mailbox = Mailbox, Settings = settings });
        Api = new ApiDriver(Host);
    }

    /// <summary>The SMTP server goes away: connections to its port are refused until <see cref="StartSmtpAsync"/>.</summary>
    public async Task StopSmtpAsync()
    {
        await _smtp!.DisposeAsync();
        _smtp = null;
    }

    public async Task StartSmtpAsync() => _smtp ??= await EmbeddedSmtpServer.StartAsync(Mailbox, _smtpPort);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
        await Portal.DisposeAsync();
    }

    /// <summary>A new agency id (its e-mails and portal requests are told apart by it); nothing is created yet.</summary>
    public static FaultReport NewReport(string prefix) => new(ApiDriver.NewAgencyId(prefix));

    /// <summary>The agency (three levels, one reviewer each unless <paramref name="firstLevel"/> says otherwise) and its report with a clean draft.</summary>
    public async Task CreateAsync(FaultReport report, JsonObject? firstLevel = null)
    {
        var agency = ApiDriver.Agency(report.AgencyId,
            firstLevel ?? ApiDriver.Level("any", ("赵编辑", FaultReport.Reviewers[0])),
            ApiDriver.Level("any", ("钱科长", FaultReport.Reviewers[1])),
            ApiDriver.Level("any", ("李局长", FaultReport.Reviewers[2])));
        agency["name"] = $"测试局{report.AgencyId}";
        await Api.CreateAgencyAsync(agency);
        using (var created = await Api.CreateReportAsync(report.AgencyId, FaultReport.Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Api.PutDraftAsync(report.AgencyId, FaultReport.Year, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
    }

    public async Task SubmitAsync(FaultReport report)
    {
        using var submitted = await Api.SubmitAsync(report.AgencyId, FaultReport.Year);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
    }

    /// <summary>Each level approved by its reviewer as soon as the report is at it, then published and the drafter told.</summary>
    public async Task ApproveToPublishedAsync(FaultReport report, int fromLevel = 1)
    {
        try
        {
            for (var level = fromLevel; level <= 3; level++)
            {
                await Api.WaitForAsync(report.AgencyId, FaultReport.Year, "InReview", level: level, round: 1);
                await Api.ApproveAsync(report.AgencyId, FaultReport.Year, level, 1, FaultReport.Reviewers[level - 1]);
            }
            await Api.WaitForAsync(report.AgencyId, FaultReport.Year, "Published");
            await Mailbox.WaitForAsync(m => m.Subject == $"【已发布】{report.Title}", ApiDriver.Patience);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message[..Math.Min(600, e.Message.Length)]}\nThe host's warnings:\n{HostTrouble()}", e);
        }
    }

    /// <summary>The host's warnings and failures, most recent last, for a failure message.</summary>
    public string HostTrouble(int lines = 60)
    {
        // The simple console format: "warn: Category[id]" and the message on the next line.
        var output = Host.Host.Output.Split('\n');
        return string.Join("\n", output.Select((line, i) => (line, i))
            .Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .SelectMany(l => output.Skip(l.i).Take(2))
            .TakeLast(lines));
    }

    public List<ReceivedMail> MailAbout(FaultReport report) =>
        Mailbox.Messages.Where(m => m.Subject.Contains(report.Title, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The report's effects outside and in storage, each exactly once: every e-mail (subject and recipients) once, a
    /// review request per level, one 【审核通过】, one 报送 e-mail and its receipt, one 【已报送】 after it, one publication on
    /// the portal (all its requests under one Idempotency-Key) and one 【已发布】; every workflow step once in the audit,
    /// each level's decision recorded; the orchestration Completed.
    /// </summary>
    public async Task<JsonObject> AssertPublishedOnceAsync(FaultReport report, int decisions = 3)
    {
        // The drafter's 【已发布】 is the last activity; the orchestration completes in the episode after it.
        var until = DateTime.UtcNow + ApiDriver.Patience;
        var final = await Api.GetReportAsync(report.AgencyId, FaultReport.Year);
        while ((string?)final["workflow"]!["runtimeStatus"] == "Running" && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            final = await Api.GetReportAsync(report.AgencyId, FaultReport.Year);
        }
        Assert.Equal(("Published", "Completed"), ((string?)final["status"]!["stage"], (string?)final["workflow"]!["runtimeStatus"]));

        var mail = MailAbout(report);
        var sent = mail.Select(m => $"{m.Subject} → {string.Join(",", m.To)}").ToList();
        Assert.True(sent.Count == sent.Distinct().Count(), $"{report.AgencyId}: an e-mail went out twice:\n{string.Join("\n", sent.Order())}");
        foreach (var reviewer in FaultReport.Reviewers)
            Assert.Single(mail, m => m.Subject.StartsWith("【待审核】", StringComparison.Ordinal) && m.To.Contains(reviewer));
        foreach (var once in new[] { "【审核通过】", "【报送】", "【已报送】", "【已发布】" })
            Assert.Single(mail, m => m.Subject.StartsWith(once, StringComparison.Ordinal));
        var delivery = mail.Single(m => m.Subject.StartsWith("【报送】", StringComparison.Ordinal));
        Assert.True(delivery.Id < mail.Single(m => m.Subject.StartsWith("【已报送】", StringComparison.Ordinal)).Id, "【已报送】 before the 报送 itself");

        var receipts = await Api.Table(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(e => e.PartitionKey == report.InstanceId).ToListAsync();
        Assert.Equal(("Delivered", delivery.MessageId), (Assert.Single(receipts).GetString("Status"), receipts[0].GetString("Reference")));

        Assert.Single(Portal.Published.Values, p => p.AgencyId == report.AgencyId);
        var pushes = Portal.Requests.Where(r => r.Payload.AgencyId == report.AgencyId).ToList();
        Assert.Single(pushes.Select(p => p.IdempotencyKey).Distinct());
        Assert.All(pushes, p => Assert.True(p.SignatureValid));

        var audit = final["audit"]!.AsArray().Select(a => a!).ToList();
        var steps = audit.Where(a => (string?)a["actor"] == "workflow")
            .Select(a => $"{(string?)a["action"]} R{(int?)a["round"]} L{(int?)a["level"]}").ToList();
        Assert.True(steps.Count == steps.Distinct().Count(), $"{report.AgencyId}: a workflow step was recorded twice: {string.Join(", ", steps)}");
        Assert.Equal(3, steps.Count(s => s.StartsWith("level-started ", StringComparison.Ordinal)));
        Assert.Single(steps, s => s.StartsWith("published ", StringComparison.Ordinal));
        Assert.Equal(decisions, audit.Count(a => (string?)a["action"] == "decision-approve"));
        var trail = final["reviewTrail"]!.AsArray().SelectMany(l => l!["decisions"]!.AsArray().Select(d => $"L{(int?)l["level"]} {(string?)d!["decision"]}")).ToList();
        Assert.Equal(decisions, trail.Count);
        Assert.Equal(["L1 approve", "L2 approve", "L3 approve"], trail.Distinct().Order(StringComparer.Ordinal));
        return final;
    }

    /// <summary>The activities the orchestration scheduled, in order (its history in the task hub's table).</summary>
    public async Task<List<string>> ScheduledActivitiesAsync(FaultReport report)
    {
        var history = await Api.Table(Host.TaskHubName + "History").QueryAsync<TableEntity>(e => e.PartitionKey == report.InstanceId).ToListAsync();
        return history.Where(e => e.GetString("EventType") == "TaskScheduled")
            .OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.GetString("Name") ?? "?").ToList();
    }
}

/// <summary>The crash sweep's world: testing mode (the CrashPlan hook), and short retries so a retried send does not wait long.</summary>
public sealed class CrashWorld : FaultsWorld
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["LocalHost__TestingTasks"] = "true",
        ["Publishing__RetryAttempts"] = "3",
        ["Publishing__RetryFirstInterval"] = "00:00:01",
        ["Publishing__RetryMaxInterval"] = "00:00:02",
        ["Sending__RetryFirstDelay"] = "00:00:01",
        ["Sending__RetryMaxDelay"] = "00:00:02",
    };
}

[CollectionDefinition(Name)]
public sealed class CrashCollection : ICollectionFixture<CrashWorld>
{
    public const string Name = "Faults: kill -9 at activity boundaries";
}

/// <summary>
/// Storage, portal and duplicate-event faults: a 3 s portal timeout (production: 30 s) so a portal that never answers
/// costs seconds; the push retried 3 times a second apart.
/// </summary>
public sealed class OutageWorld : FaultsWorld
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Portal__Timeout"] = "00:00:03",
        ["Publishing__RetryAttempts"] = "3",
        ["Publishing__RetryFirstInterval"] = "00:00:01",
        ["Publishing__RetryMaxInterval"] = "00:00:02",
        ["Sending__RetryFirstDelay"] = "00:00:01",
        ["Sending__RetryMaxDelay"] = "00:00:02",
    };
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageWorld>
{
    public const string Name = "Faults: storage, portal and duplicate events";
}

/// <summary>The production retry settings of e-mail and 报送 (Sending__*: 30 s, doubling, at most 5 minutes apart).</summary>
public sealed class MailOutageWorld : FaultsWorld
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();
}

[CollectionDefinition(Name)]
public sealed class MailOutageCollection : ICollectionFixture<MailOutageWorld>
{
    public const string Name = "Faults: SMTP down for 2 minutes";
}

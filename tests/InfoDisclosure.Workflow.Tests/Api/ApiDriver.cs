using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Api;

[CollectionDefinition(Name)]
public sealed class LocalHostApiCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "Workflow API on the local host";
}

/// <summary>Calls the API the way a client would, and waits for the orchestration to reach a state.</summary>
public sealed class ApiDriver(LocalHostFixture host)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public HttpClient Client => host.Client;

    public static string NewAgencyId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 9)];

    public static JsonObject Agency(string id, params JsonObject[] levels) => new()
    {
        ["id"] = id,
        ["name"] = "吴忠市红寺堡区审批服务管理局",
        ["kind"] = "department",
        ["supervisingOfficeEmail"] = "gongkai@example.gov.cn",
        ["drafter"] = Person("王起草", "drafter@example.gov.cn"),
        ["reviewChain"] = new JsonArray(levels.Select(l => (JsonNode)l).ToArray()),
    };

    public static JsonObject Level(string rule, params (string Name, string Email)[] reviewers) => new()
    {
        ["rule"] = rule,
        ["reviewers"] = new JsonArray(reviewers.Select(r => (JsonNode)Person(r.Name, r.Email)).ToArray()),
    };

    public static JsonObject Person(string name, string email) => new() { ["name"] = name, ["email"] = email };

    /// <summary>A client signed in as <paramref name="email"/> (see <see cref="Access.SignInDriver"/>).</summary>
    public Task<HttpClient> SessionAsync(string email) => Access.SignInDriver.SessionAsync(host, email);

    public async Task CreateAgencyAsync(JsonObject agency)
    {
        using var response = await Client.PostAsJsonAsync("api/agencies", agency);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<HttpResponseMessage> CreateReportAsync(string agencyId, int year) =>
        await Client.PostAsJsonAsync("api/reports", new { agencyId, year });

    public async Task<JsonObject> PutDraftAsync(string agencyId, int year, string content, string mediaType, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await Client.PutAsync($"api/reports/{agencyId}/{year}/draft", new StringContent(content, Encoding.UTF8, mediaType));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"PUT draft: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<HttpResponseMessage> SubmitAsync(string agencyId, int year) =>
        await Client.PostAsync($"api/reports/{agencyId}/{year}/submit", null);

    public async Task<HttpResponseMessage> DecideAsync(string agencyId, int year, int level, int round, string reviewer,
        string decision = "approve", string? comment = null, string? sha = null)
    {
        // Only the reviewer, signed in, can decide: the API key cannot.
        var session = await Access.SignInDriver.SessionAsync(host, reviewer);
        var body = new JsonObject
        {
            ["level"] = level,
            ["round"] = round,
            ["decision"] = decision,
            ["comment"] = comment,
            ["reviewConfirmed"] = true,
            ["proofreadConfirmed"] = true,
        };
        if (sha is not null) body["versionSha256"] = sha;
        return await session.PostAsJsonAsync($"api/reports/{agencyId}/{year}/decisions", body);
    }

    public async Task ApproveAsync(string agencyId, int year, int level, int round, string reviewer)
    {
        using var response = await DecideAsync(agencyId, year, level, round, reviewer);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"approve L{level} R{round} by {reviewer}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonObject> GetReportAsync(string agencyId, int year)
    {
        var text = await Client.GetStringAsync($"api/reports/{agencyId}/{year}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls GET /api/reports/{agencyId}/{year} until the status is at <paramref name="stage"/> (and level, round).</summary>
    public async Task<JsonObject> WaitForAsync(string agencyId, int year, string stage, int? level = null, int? round = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonObject report;
        do
        {
            report = await GetReportAsync(agencyId, year);
            var status = report["status"]!;
            if ((string?)status["stage"] == stage
                && (level is null || (int?)status["level"] == level)
                && (round is null || (int?)status["round"] == round))
            {
                return report;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{agencyId}/{year} did not reach {stage} L{level} R{round} within {Patience}:\n{report}");
    }

    public TableClient Table(string name) => new TableServiceClient(host.StorageConnectionString).GetTableClient(name);

    /// <summary>
    /// Waits until the engine has processed the event <paramref name="eventName"/> whose payload mentions
    /// <paramref name="payloadContains"/>, and returns what the orchestration recorded after it (EventType, Name). The
    /// Azure Storage backend writes an episode's history (the events it took and the tasks and timers it scheduled)
    /// together, so once the event shows here, everything its processing started shows too.
    /// </summary>
    public async Task<List<(string EventType, string? Name)>> WaitForProcessedEventAsync(string instanceId, string eventName, string payloadContains)
    {
        var history = Table(host.TaskHubName + "History");
        var deadline = DateTime.UtcNow + Patience;
        var seen = new List<TableEntity>();
        do
        {
            seen.Clear();
            await foreach (var e in history.QueryAsync<TableEntity>(x => x.PartitionKey == instanceId)) if (e.RowKey != "sentinel") seen.Add(e);
            seen.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
            var at = seen.FindIndex(e => e.GetString("EventType") == "EventRaised" && e.GetString("Name") == eventName
                                         && (e.GetString("Input") ?? "").Contains(payloadContains, StringComparison.Ordinal));
            if (at >= 0) return seen.Skip(at + 1).Select(e => (e.GetString("EventType"), (string?)e.GetString("Name"))).ToList();
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{instanceId} did not process {eventName} ({payloadContains}) within {Patience}; history: "
            + string.Join(", ", seen.Select(e => $"{e.GetString("EventType")} {e.GetString("Name")}")));
    }

    /// <summary>The notices the default notifier recorded for the report (kind, recipients).</summary>
    public async Task<List<(string Id, string Kind, string To)>> NoticesAsync(string agencyId, int year)
    {
        var key = StorageNames.ReportKey(agencyId, year);
        var notices = new List<(string, string, string)>();
        await foreach (var e in Table(StorageNames.NotificationsTable).QueryAsync<TableEntity>(x => x.PartitionKey == key))
        {
            notices.Add((Uri.UnescapeDataString(e.RowKey), e.GetString("Kind"), e.GetString("To")));
        }
        return notices;
    }

    /// <summary>
    /// The notices once one of <paramref name="kind"/> to <paramref name="to"/> is among them: the stage a notice follows
    /// shows before the notice is sent.
    /// </summary>
    public async Task<List<(string Id, string Kind, string To)>> WaitForNoticeAsync(string agencyId, int year, string kind, string to)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var notices = await NoticesAsync(agencyId, year);
            if (notices.Any(n => n.Kind == kind && n.To == to)) return notices;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {kind} notice to {to} within {Patience}; notices: {string.Join(", ", notices.Select(n => n.Kind))}");
            await Task.Delay(200);
        }
    }
}

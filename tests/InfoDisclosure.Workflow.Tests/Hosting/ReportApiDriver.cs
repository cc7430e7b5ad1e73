using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Workflow.Tests.Hosting;

/// <summary>Drives one report through the public HTTP API of a running host, as a client or a reviewer would.</summary>
public sealed class ReportApiDriver(LocalHostFixture host, string agencyId, int year)
{
    private readonly HttpClient client = host.Client;

    public string AgencyId => agencyId;
    public int Year => year;
    public string ReportPath => $"/api/reports/{agencyId}/{year}";

    public static string Reviewer(int level) => $"reviewer{level}@crash.example";

    /// <summary>An agency with the default three-level 三审三校 chain, one reviewer per level.</summary>
    public async Task CreateAgencyAsync()
    {
        var agency = new
        {
            id = agencyId,
            name = "红寺堡区审批服务管理局",
            kind = "department",
            supervisingOfficeEmail = "office@crash.example",
            drafter = new { name = "起草人", email = "drafter@crash.example" },
            reviewChain = Enumerable.Range(1, 3).Select(level => new
            {
                rule = "any",
                reviewers = new[] { new { name = $"审核人{level}", email = Reviewer(level) } },
            }).ToArray(),
        };
        await ExpectAsync(await client.PostAsJsonAsync("/api/agencies", agency), HttpStatusCode.Created);
    }

    /// <summary>Creates the report and saves a clean fixture report of the same year as its draft.</summary>
    public async Task CreateReportWithCleanDraftAsync(string fixture)
    {
        await ExpectAsync(await client.PostAsJsonAsync("/api/reports", new { agencyId, year }), HttpStatusCode.Created);
        using var text = new StringContent(TestPaths.ReadFixture(fixture), Encoding.UTF8, "text/plain");
        await ExpectAsync(await client.PutAsync($"{ReportPath}/draft", text), HttpStatusCode.Created);
    }

    public async Task SubmitAsync() =>
        await ExpectAsync(await client.PostAsync($"{ReportPath}/submit", null), HttpStatusCode.Accepted);

    /// <summary>The level's reviewer approves, signed in (the API key cannot decide).</summary>
    public async Task ApproveAsync(int level, int round = 1) =>
        await ExpectAsync(await (await Access.SignInDriver.SessionAsync(host, Reviewer(level))).PostAsJsonAsync($"{ReportPath}/decisions", new
        {
            level,
            round,
            decision = "approve",
            reviewConfirmed = true,
            proofreadConfirmed = true,
            comment = $"第{level}级审核通过",
        }), HttpStatusCode.Accepted);

    public async Task<JsonElement> GetAsync()
    {
        using var response = await client.GetAsync(ReportPath);
        await ExpectAsync(response, HttpStatusCode.OK, dispose: false);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls the report until its status satisfies <paramref name="reached"/> (the orchestration moves it on asynchronously).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> reached, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement report;
        do
        {
            report = await GetAsync();
            if (reached(report.GetProperty("status"))) return report;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The report did not reach {what} within {timeout.TotalSeconds:0} s; status: {report.GetProperty("status")}");
    }

    /// <summary>Polls until the orchestration itself has finished (its last steps run after the index shows the final stage).</summary>
    public async Task<JsonElement> WaitForWorkflowAsync(string runtimeStatus, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement report;
        do
        {
            report = await GetAsync();
            if (report.GetProperty("workflow").GetProperty("runtimeStatus").GetString() == runtimeStatus) return report;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The workflow did not become {runtimeStatus} within {timeout.TotalSeconds:0} s: {report.GetProperty("workflow")}");
    }

    public Task<JsonElement> WaitForLevelAsync(int level) =>
        WaitForAsync(s => s.GetProperty("stage").GetString() == "InReview" && s.GetProperty("level").ValueKind == JsonValueKind.Number
                          && s.GetProperty("level").GetInt32() == level, $"level {level}", TimeSpan.FromSeconds(90));

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, bool dispose = true)
    {
        try
        {
            if (response.StatusCode != expected)
            {
                Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            if (dispose) response.Dispose();
        }
    }
}

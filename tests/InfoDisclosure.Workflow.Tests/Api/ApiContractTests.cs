using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Api;

/// <summary>The API's key check and its problem details, through the local host.</summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class ApiContractTests(LocalHostFixture host)
{
    private readonly ApiDriver _api = new(host);

    private static JsonObject ThreeLevels(string id) => ApiDriver.Agency(id,
        ApiDriver.Level("any", ("甲", "a@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn")));

    [Fact]
    public async Task Without_the_right_key_every_call_is_401_and_nothing_changes()
    {
        var id = ApiDriver.NewAgencyId("nokey");
        using var wrongKey = new HttpClient { BaseAddress = host.BaseAddress };
        wrongKey.DefaultRequestHeaders.Add("x-functions-key", "not-the-key");

        foreach (var client in new[] { host.AnonymousClient, wrongKey })
        {
            using var create = await client.PostAsJsonAsync("api/agencies", ThreeLevels(id));
            Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
            Assert.Equal("application/problem+json", create.Content.Headers.ContentType!.MediaType);
            using var list = await client.GetAsync("api/reports?year=2022");
            Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        }
        using (var missing = await host.Client.GetAsync($"api/agencies/{id}")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // With an existing report: a keyless draft, submit and decision change nothing.
        await _api.CreateAgencyAsync(ThreeLevels(id));
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = await _api.GetReportAsync(id, 2022);
        using (var put = await host.AnonymousClient.PutAsync($"api/reports/{id}/2022/draft", new StringContent("{}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        using (var submit = await host.AnonymousClient.PostAsync($"api/reports/{id}/2022/submit", null))
            Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
        using (var report = await host.AnonymousClient.PostAsJsonAsync("api/reports", new { agencyId = id, year = 2021 }))
            Assert.Equal(HttpStatusCode.Unauthorized, report.StatusCode);
        var after = await _api.GetReportAsync(id, 2022);
        Assert.Equal(before["versions"]!.ToJsonString(), after["versions"]!.ToJsonString());
        Assert.Equal(before["audit"]!.ToJsonString(), after["audit"]!.ToJsonString());
        Assert.Equal("Draft", (string?)after["status"]!["stage"]);
        using (var none = await host.Client.GetAsync($"api/reports/{id}/2021")) Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_field()
    {
        var id = ApiDriver.NewAgencyId("badjson");
        var agency = ThreeLevels(id);
        agency["drafter"] = new JsonObject { ["name"] = 5, ["email"] = "d@example.gov.cn" };
        var problem = await ProblemAsync(await host.Client.PostAsJsonAsync("api/agencies", agency), HttpStatusCode.BadRequest);
        Assert.Equal("$.drafter.name", (string?)problem["field"]);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("$.drafter.name"));

        var typo = ThreeLevels(id);
        typo["supervisingOffice"] = "x@example.gov.cn";
        problem = await ProblemAsync(await host.Client.PostAsJsonAsync("api/agencies", typo), HttpStatusCode.BadRequest);
        Assert.Contains("supervisingOffice", (string?)problem["field"]);

        // A broken rule names its field too (422).
        var rules = ThreeLevels("Bad_Id");
        rules["drafter"]!["email"] = "not-an-address";
        problem = await ProblemAsync(await host.Client.PostAsJsonAsync("api/agencies", rules), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("$.id"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("$.drafter.email"));

        // A draft whose cell is neither number, null nor text.
        await _api.CreateAgencyAsync(ThreeLevels(id));
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = """{"agencyName":"测试局","year":2022,"applications":{"newApplications":{"naturalPerson":{"x":1}}}}""";
        problem = await ProblemAsync(await host.Client.PutAsync($"api/reports/{id}/2022/draft", new StringContent(draft, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.StartsWith("$.applications", (string?)problem["field"]);
        Assert.Single((await _api.GetReportAsync(id, 2022))["versions"]!.AsArray());
    }

    [Fact]
    public async Task An_agency_can_be_read_listed_and_updated_with_its_etag()
    {
        var id = ApiDriver.NewAgencyId("crud");
        await _api.CreateAgencyAsync(ThreeLevels(id));
        using var read = await host.Client.GetAsync($"api/agencies/{id}");
        var etag = read.Headers.ETag!.ToString();
        var agency = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("初审·一校", (string?)agency["reviewChain"]![0]!["name"]);
        Assert.Equal("复审·二校", (string?)agency["reviewChain"]![1]!["name"]);

        agency["name"] = "改名后的局";
        var put = new HttpRequestMessage(HttpMethod.Put, $"api/agencies/{id}") { Content = JsonContent.Create(agency) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        using (var updated = await host.Client.SendAsync(put)) Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/agencies/{id}") { Content = JsonContent.Create(agency) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        using (var refused = await host.Client.SendAsync(stale)) Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);

        var all = await host.Client.GetFromJsonAsync<JsonArray>("api/agencies");
        Assert.Contains(all!, a => (string?)a!["id"] == id && (string?)a["name"] == "改名后的局");
        using (var again = await host.Client.PostAsJsonAsync("api/agencies", ThreeLevels(id))) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Reports_are_listed_by_year_with_deadline_and_the_preview_and_docx_come_from_the_current_version()
    {
        var id = ApiDriver.NewAgencyId("list");
        await _api.CreateAgencyAsync(ThreeLevels(id));
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await _api.PutDraftAsync(id, 2022, InfoDisclosure.Tests.Shared.TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");

        var list = await host.Client.GetFromJsonAsync<JsonArray>("api/reports?year=2022");
        var mine = list!.Single(r => (string?)r!["agencyId"] == id)!;
        Assert.Equal("2023-01-31T23:59:59+08:00", (string?)mine["deadline"]);
        Assert.True((int)mine["daysLeft"]! < 0);
        using (var noYear = await host.Client.GetAsync("api/reports")) Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);

        var preview = await host.Client.GetAsync($"api/reports/{id}/2022/preview");
        Assert.Equal("text/html", preview.Content.Headers.ContentType!.MediaType);
        Assert.Contains("吴忠市红寺堡区审批服务管理局", await preview.Content.ReadAsStringAsync());
        var docx = await host.Client.GetAsync($"api/reports/{id}/2022/export.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK", Encoding.ASCII.GetString(bytes, 0, 2));
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return JsonNode.Parse(body)!.AsObject();
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Tests.Api;

/// <summary>Bad and unusual input through the local host: each answered with a clear status and problem, nothing half-written.</summary>
[Collection(LocalHostApiCollection.Name)]
public sealed partial class ApiInputTests(LocalHostFixture host)
{
    private const string Seed = "2022_hongsibu_approval_bureau.txt";
    private const string AgencyName = "吴忠市红寺堡区审批服务管理局";
    private readonly ApiDriver _api = new(host);

    private static JsonObject ThreeLevels(string id) => ApiDriver.Agency(id,
        ApiDriver.Level("any", ("甲", $"a-{id}@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn")));

    private async Task<string> ReportAsync(string prefix)
    {
        var id = ApiDriver.NewAgencyId(prefix);
        await _api.CreateAgencyAsync(ThreeLevels(id));
        using var created = await _api.CreateReportAsync(id, 2022);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    [Fact]
    public async Task Json_routes_take_only_strict_application_json_and_name_fields_by_json_path_not_dotnet_type()
    {
        var id = ApiDriver.NewAgencyId("strict");
        var valid = ThreeLevels(id).ToJsonString();

        await ProblemAsync(await host.Client.PostAsync("api/agencies", new StringContent(valid, Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await host.Client.PostAsync("api/agencies", new ByteArrayContent(Encoding.UTF8.GetBytes(valid))), HttpStatusCode.UnsupportedMediaType);
        using (var latin1 = new StringContent(valid, Encoding.UTF8, "application/json"))
        {
            latin1.Headers.ContentType!.CharSet = "iso-8859-1";
            await ProblemAsync(await host.Client.PostAsync("api/agencies", latin1), HttpStatusCode.UnsupportedMediaType);
        }

        var comment = await ProblemAsync(await PostJsonTextAsync("api/agencies", "/* 新机构 */" + valid), HttpStatusCode.BadRequest);
        Assert.Contains("Comments", (string?)comment["detail"]);
        var trailing = await ProblemAsync(await PostJsonTextAsync("api/agencies", valid[..^1] + ",}"), HttpStatusCode.BadRequest);
        Assert.Contains("Trailing comma", (string?)trailing["detail"]);
        var twice = await ProblemAsync(await PostJsonTextAsync("api/agencies", valid[..^1] + ",\"name\":\"另一个名称\"}"), HttpStatusCode.BadRequest);
        Assert.Equal("$.name", (string?)twice["field"]);

        var array = await ProblemAsync(await PostJsonTextAsync("api/agencies", "[]"), HttpStatusCode.BadRequest);
        Assert.Equal("$", (string?)array["field"]);
        Assert.Contains("Expected an object", (string?)array["detail"]);
        var drafter = ThreeLevels(id);
        drafter["drafter"] = "王起草";
        var wrongKind = await ProblemAsync(await host.Client.PostAsJsonAsync("api/agencies", drafter), HttpStatusCode.BadRequest);
        Assert.Equal("$.drafter", (string?)wrongKind["field"]);
        var chain = ThreeLevels(id);
        chain["reviewChain"]![1]!["reviewers"]![0]!["email"] = 7;
        var nested = await ProblemAsync(await host.Client.PostAsJsonAsync("api/agencies", chain), HttpStatusCode.BadRequest);
        Assert.Equal("$.reviewChain[1].reviewers[0].email", (string?)nested["field"]);
        Assert.Contains("Expected a string", (string?)nested["detail"]);
        foreach (var problem in new[] { comment, trailing, twice, array, wrongKind, nested })
        {
            Assert.DoesNotMatch(DotNetTypeName(), problem.ToJsonString());
        }

        // Nothing was created by any of them; the same body, sent properly, is taken.
        using (var none = await host.Client.GetAsync($"api/agencies/{id}")) Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using (var created = await PostJsonTextAsync("api/agencies", valid)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The report's JSON, on the draft route, is read as strictly.
        using (var report = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        var draft = ReportJson.Serialize(ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report, indented: false);
        var draftComment = await ProblemAsync(await host.Client.PutAsync($"api/reports/{id}/2022/draft",
            new StringContent("// 草稿\n" + draft, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal("$", (string?)draftComment["field"]);
        Assert.Single((await _api.GetReportAsync(id, 2022))["versions"]!.AsArray());
    }

    [Fact]
    public async Task A_year_in_the_route_or_query_is_four_digits()
    {
        var id = await ReportAsync("year");
        var route = await ProblemAsync(await host.Client.GetAsync($"api/reports/{id}/02022"), HttpStatusCode.BadRequest);
        Assert.Equal("year", (string?)route["field"]);
        var query = await ProblemAsync(await host.Client.GetAsync("api/reports?year=02022"), HttpStatusCode.BadRequest);
        Assert.Equal("year", (string?)query["field"]);
        await ProblemAsync(await host.Client.PutAsync($"api/reports/{id}/02022/draft", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.BadRequest);
        using var ok = await host.Client.GetAsync($"api/reports/{id}/2022");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_412_that_tells_nothing_about_storage_and_changes_nothing()
    {
        var id = ApiDriver.NewAgencyId("ifmatch");
        await _api.CreateAgencyAsync(ThreeLevels(id));
        var renamed = ThreeLevels(id);
        renamed["name"] = "改名后的局";
        foreach (var tag in new[] { "\"garbage\"", "garbage", "W/\"x\"" })
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/agencies/{id}") { Content = JsonContent.Create(renamed) };
            put.Headers.TryAddWithoutValidation("If-Match", tag);
            var problem = await ProblemAsync(await host.Client.SendAsync(put), HttpStatusCode.PreconditionFailed);
            var text = problem.ToJsonString();
            Assert.DoesNotContain("127.0.0.1", text);
            Assert.DoesNotContain("ErrorCode", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("devstoreaccount", text, StringComparison.OrdinalIgnoreCase);
        }
        var stored = await host.Client.GetFromJsonAsync<JsonObject>($"api/agencies/{id}");
        Assert.Equal(AgencyName, (string?)stored!["name"]);
    }

    [Fact]
    public async Task Twenty_identical_draft_saves_at_once_make_exactly_one_version()
    {
        var id = await ReportAsync("twenty");
        var draft = ReportJson.Serialize(ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            host.Client.PutAsync($"api/reports/{id}/2022/draft", new StringContent(draft, Encoding.UTF8, "application/json"))));
        var bodies = new List<JsonObject>();
        foreach (var response in responses)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
                bodies.Add(JsonNode.Parse(text)!.AsObject());
            }
        }

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(19, bodies.Count(b => (bool)b["unchanged"]!));
        Assert.Single(bodies.Select(b => (int)b["version"]!).Distinct());
        var report = await _api.GetReportAsync(id, 2022);
        Assert.Equal(2, report["versions"]!.AsArray().Count);
        Assert.Equal(2, (int)report["status"]!["currentVersion"]!);
        Assert.Single(report["audit"]!.AsArray(), a => (string?)a!["action"] == "draft-saved");
    }

    [Fact]
    public async Task A_text_draft_is_read_in_its_declared_charset_and_bytes_it_cannot_be_are_refused()
    {
        var id = await ReportAsync("charset");
        var draftPath = $"api/reports/{id}/2022/draft";
        var gbk = ReportTextEncodings.Gb18030.GetBytes(TestPaths.ReadFixture(Seed));

        var undeclared = await ProblemAsync(await host.Client.PutAsync(draftPath, Bytes(gbk, "text/plain")), HttpStatusCode.BadRequest);
        Assert.Equal("$", (string?)undeclared["field"]);
        Assert.Contains("not valid UTF-8", (string?)undeclared["detail"]);
        Assert.Contains("charset=gb18030", (string?)undeclared["detail"]);
        await ProblemAsync(await host.Client.PutAsync(draftPath, Bytes(gbk, "text/plain; charset=x-no-such-charset")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await host.Client.PutAsync(draftPath, Bytes(gbk, "text/plain; charset=utf-8")), HttpStatusCode.BadRequest);
        Assert.Single((await _api.GetReportAsync(id, 2022))["versions"]!.AsArray());

        using (var saved = await host.Client.PutAsync(draftPath, Bytes(gbk, "text/plain; charset=GBK")))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        }
        var preview = await host.Client.GetStringAsync($"api/reports/{id}/2022/preview");
        Assert.Contains(AgencyName, preview);
        Assert.DoesNotContain('\uFFFD', preview);

        // The same report as UTF-16 with its byte-order mark and declared charset is the same content: unchanged.
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(TestPaths.ReadFixture(Seed))).ToArray();
        using var again = await host.Client.PutAsync(draftPath, Bytes(utf16, "text/plain; charset=utf-16"));
        var body = await again.Content.ReadAsStringAsync();
        Assert.True(again.StatusCode == HttpStatusCode.OK, body);
        Assert.True((bool)JsonNode.Parse(body)!["unchanged"]!);
    }

    [Fact]
    public async Task Malformed_forms_on_the_sign_in_and_review_pages_are_a_400_problem()
    {
        var malformed = new Func<HttpContent>[]
        {
            () => Raw("--x\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nvalue\r\n--x--\r\n", "multipart/form-data"),
            () => Raw("--x\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nval", "multipart/form-data; boundary=x"),
            () => new FormUrlEncodedContent(Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"f{i}", "v"))),
        };
        foreach (var content in malformed)
        {
            await ProblemAsync(await host.AnonymousClient.PostAsync("sign-in", content()), HttpStatusCode.BadRequest);
        }

        var (id, link) = await InReviewWithLinkAsync("form");
        var before = (await _api.GetReportAsync(id, 2022))["audit"]!.ToJsonString();
        foreach (var content in malformed)
        {
            await ProblemAsync(await host.AnonymousClient.PostAsync(link, content()), HttpStatusCode.BadRequest);
        }
        Assert.Equal(before, (await _api.GetReportAsync(id, 2022))["audit"]!.ToJsonString());
        using var page = await host.AnonymousClient.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_review_page_and_the_api_take_comments_of_the_same_length()
    {
        var (id, link) = await InReviewWithLinkAsync("comment");
        var html = await host.AnonymousClient.GetStringAsync(link);
        var limit = int.Parse(MaxLength().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        using (var tooLong = await _api.DecideAsync(id, 2022, 1, 1, $"a-{id}@example.gov.cn", comment: new string('意', limit + 1)))
        {
            var problem = await ProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("$.comment"));
        }
        using var longest = await _api.DecideAsync(id, 2022, 1, 1, $"a-{id}@example.gov.cn", comment: new string('意', limit));
        Assert.True(longest.StatusCode == HttpStatusCode.Accepted, await longest.Content.ReadAsStringAsync());
    }

    /// <summary>A report in review at level 1 of round 1, and a review link for its reviewer issued straight into the host's storage.</summary>
    private async Task<(string Id, string Link)> InReviewWithLinkAsync(string prefix)
    {
        var id = await ReportAsync(prefix);
        await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture(Seed), "text/plain");
        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var report = await _api.WaitForAsync(id, 2022, "InReview", level: 1, round: 1);
        var links = new ReviewLinkStore(new TableServiceClient(host.StorageConnectionString),
            Options.Create(new ReviewLinkOptions { PublicBaseUrl = host.BaseAddress.ToString().TrimEnd('/') }), TimeProvider.System);
        var issued = await links.IssueAsync(new ReviewLinkGrant(id, 2022, 1, 1, $"a-{id}@example.gov.cn", "甲",
            (int)report["submittedVersion"]!, (string)report["submittedSha256"]!), null, CancellationToken.None);
        return (id, $"review/{issued.Token}");
    }

    private Task<HttpResponseMessage> PostJsonTextAsync(string path, string json) =>
        host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static ByteArrayContent Raw(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
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

    [GeneratedRegex(@"\b(System|InfoDisclosure|Microsoft)\.[A-Z]\w+")]
    private static partial Regex DotNetTypeName();

    [GeneratedRegex("<textarea name=\"comment\" maxlength=\"(\\d+)\"")]
    private static partial Regex MaxLength();
}

internal static class ReportTextEncodings
{
    public static Encoding Gb18030 { get; } = Create();

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InfoDisclosure.Workflow.Tests.Access;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Workspace;

/// <summary>
/// A signed-in reviewer decides from the workspace, without the e-mailed link: only the reviewer the current level
/// waits for gets the review page; approval needs 审 and 校, rejection a comment; the decision is recorded as that
/// person, and their e-mailed link then says it is already decided. A forged POST without the token changes nothing.
/// </summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class WorkspaceDecisionTests(LocalHostFixture host)
{
    private readonly ApiDriver _api = new(host);

    [Fact]
    public async Task The_waiting_reviewer_approves_and_then_rejects_from_the_workspace_as_themselves_and_nobody_else_can()
    {
        var id = ApiDriver.NewAgencyId("ws-decide");
        var (first, second, third) = ($"first-{id}@example.gov.cn", $"second-{id}@example.gov.cn", $"third-{id}@example.gov.cn");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", first)), ApiDriver.Level("any", ("钱科长", second)), ApiDriver.Level("any", ("李局长", third))));
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await _api.PutDraftAsync(id, 2022, InfoDisclosure.Tests.Shared.TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _api.WaitForAsync(id, 2022, "InReview", level: 1);
        var review = $"reports/{id}/2022/review";

        // The second-level reviewer is not waited for yet; the API key is not a person.
        var secondSession = await SignInDriver.SignInAsync(host, second);
        using (var early = await secondSession.GetAsync(review)) Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using (var key = await host.Client.GetAsync(review)) Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);

        var firstSession = await SignInDriver.SignInAsync(host, first);
        var listed = await firstSession.GetStringAsync("reports");
        Assert.Contains($"href=\"/{review}\"", listed);
        var page = await firstSession.GetStringAsync(review);
        Assert.Contains("【审】", page);
        Assert.Contains("赵编辑", page);
        Assert.DoesNotContain("链接有效期至", page);

        // A forged POST (no anti-forgery token) and an approval without 校 record nothing.
        using (var forged = await firstSession.PostAsync(review, new FormUrlEncodedContent(new Dictionary<string, string>
               { ["level"] = "1", ["round"] = "1", ["decision"] = "approve", ["reviewConfirmed"] = "on", ["proofreadConfirmed"] = "on" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var half = await firstSession.PostAsync(review, SignInDriver.Form(page, ("level", "1"), ("round", "1"), ("versionSha256", Sha(page)),
                   ("decision", "approve"), ("reviewConfirmed", "on"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, half.StatusCode);
            Assert.Contains("须同时勾选【审】和【校】", await half.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, (int)(await _api.GetReportAsync(id, 2022))["status"]!["level"]!);

        using (var approved = await firstSession.PostAsync(review, SignInDriver.Form(page, ("level", "1"), ("round", "1"), ("versionSha256", Sha(page)),
                   ("decision", "approve"), ("reviewConfirmed", "on"), ("proofreadConfirmed", "on"))))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Contains("已提交：审核通过", await approved.Content.ReadAsStringAsync());
        }
        await _api.WaitForAsync(id, 2022, "InReview", level: 2);
        // The same page posted again (a second tab) is refused: the level is decided.
        using (var again = await firstSession.PostAsync(review, SignInDriver.Form(page, ("level", "1"), ("round", "1"), ("versionSha256", Sha(page)),
                   ("decision", "approve"), ("reviewConfirmed", "on"), ("proofreadConfirmed", "on"))))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        // The first reviewer's e-mailed link now says it is decided.
        var mailed = await host.Mailbox.WaitForAsync(m => m.To.Contains(first, StringComparer.OrdinalIgnoreCase) && m.Subject.StartsWith("【待审核】", StringComparison.Ordinal), ApiDriver.Patience);
        var link = System.Text.RegularExpressions.Regex.Match(mailed.TextBody ?? "", "https?://[^\\s\"<>]+/review/[A-Za-z0-9_-]{43}").Value;
        using (var spent = await SignInDriver.Browser(host).GetAsync(link)) Assert.Equal(HttpStatusCode.Conflict, spent.StatusCode);

        // Level 2 rejects from the workspace: a comment is required, then the draft is back with it.
        var secondPage = await secondSession.GetStringAsync(review);
        using (var bare = await secondSession.PostAsync(review, SignInDriver.Form(secondPage, ("level", "2"), ("round", "1"), ("versionSha256", Sha(secondPage)), ("decision", "reject"))))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
            Assert.Contains("退回修改须填写意见", await bare.Content.ReadAsStringAsync());
        }
        using (var rejected = await secondSession.PostAsync(review, SignInDriver.Form(secondPage, ("level", "2"), ("round", "1"), ("versionSha256", Sha(secondPage)),
                   ("decision", "reject"), ("comment", "请核对第三部分的数据"))))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }
        var back = await _api.WaitForAsync(id, 2022, "Draft", round: 1);
        var trail = back["reviewTrail"]!.AsArray();
        Assert.Equal([first], trail.Single(t => (int)t!["level"]! == 1)!["reviewedBy"]!.AsArray().Select(p => (string)p!["email"]!));
        var rejection = trail.Single(t => (int)t!["level"]! == 2)!["decisions"]!.AsArray().Single()!;
        Assert.Equal(("reject", second, "请核对第三部分的数据"), ((string)rejection["decision"]!, (string)rejection["reviewerEmail"]!, (string)rejection["comment"]!));
        Assert.Contains(back["audit"]!.AsArray(), a => (string)a!["action"]! == "decision-reject" && ((string)a["actor"]!).Contains(second, StringComparison.Ordinal));
    }

    private static string Sha(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"versionSha256\" value=\"([0-9a-f]+)\"").Groups[1].Value;
}

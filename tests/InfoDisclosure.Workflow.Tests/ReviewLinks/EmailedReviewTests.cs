using System.Net;
using System.Text.Json.Nodes;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Api;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace InfoDisclosure.Workflow.Tests.ReviewLinks;

/// <summary>
/// Reviewers approve and reject only through the links e-mailed to them by the local host (Azurite, real SMTP).
/// </summary>
[Collection(MailedHostCollection.Name)]
public sealed class EmailedReviewTests(MailedHostFixture world)
{
    private const string Seed = "2022_hongsibu_approval_bureau.txt";
    private const int Year = 2022;
    private const string Script = "<script>alert('xss')</script>";
    private const string Img = "<img src=x onerror=alert(1)>";

    private static string Person(string role, string id) => $"{role}-{id}@example.gov.cn";

    private async Task<string> ReportInReviewAsync(string prefix, AnnualReport? report = null, JsonObject? reminders = null, params JsonObject[] levels)
    {
        var id = ApiDriver.NewAgencyId(prefix);
        var agency = ApiDriver.Agency(id, levels.Select(l => Rebind(l, id)).ToArray());
        agency["drafter"] = ApiDriver.Person("王起草", Person("drafter", id));
        if (reminders is not null) agency["stageReminders"] = reminders;
        await world.Api.CreateAgencyAsync(agency);
        using (var created = await world.Api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        report ??= ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report;
        await world.Api.PutDraftAsync(id, Year, ReportJson.Serialize(report), "application/json");
        using (var submitted = await world.Api.SubmitAsync(id, Year))
        {
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        }
        return id;
    }

    /// <summary>Reviewer e-mails in the level templates are written as "role"; each test gets its own addresses.</summary>
    private static JsonObject Rebind(JsonObject level, string id)
    {
        var copy = level.DeepClone().AsObject();
        foreach (var reviewer in copy["reviewers"]!.AsArray()) reviewer!["email"] = Person((string)reviewer["email"]!, id);
        return copy;
    }

    [Fact]
    public async Task The_whole_chain_is_walked_through_e_mailed_links_with_a_rejection_round_and_escaped_text()
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report;
        report.Opening.Paragraphs.Add("联系我们" + Script);
        var id = await ReportInReviewAsync("mailchain", report, null,
            ApiDriver.Level("any", ("赵编辑", "editor")),
            ApiDriver.Level("any", ("钱科长", "chief"), ("孙保密", "secrecy")),
            ApiDriver.Level("any", ("李局长", "leader")));

        // 初审: the e-mail, its link, a page that changes nothing on GET or HEAD.
        var first = await world.MailAsync(Person("editor", id), "【待审核】");
        Assert.Equal("【待审核】吴忠市红寺堡区审批服务管理局2022年政府信息公开工作年度报告（初审·一校）", first.Subject);
        var link = MailedHostFixture.LinkIn(first);
        Assert.StartsWith(world.Host.BaseAddress + "review/", link);
        var before = await world.StateAsync(id, Year);
        var (page, html, _) = await world.OpenAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(report.Title), html);
        Assert.Contains("data-where=", html);
        Assert.DoesNotContain(Script, html);
        Assert.Contains("联系我们&lt;script&gt;", html);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        using (var head = await world.Browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, link)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        await world.OpenAsync(link);
        Assert.Equal(before, await world.StateAsync(id, Year));
        await world.ApproveFromMailAsync(first);

        // 复审 (any one of two): 钱科长 sends it back with a comment carrying markup.
        await world.Api.WaitForAsync(id, Year, "InReview", level: 2, round: 1);
        var chief = await world.MailAsync(Person("chief", id), "【待审核】", m => m.Subject.Contains("复审·二校"));
        var secrecy = await world.MailAsync(Person("secrecy", id), "【待审核】", m => m.Subject.Contains("复审·二校"));
        var chiefLink = MailedHostFixture.LinkIn(chief);
        Assert.NotEqual(chiefLink, MailedHostFixture.LinkIn(secrecy));
        var (_, _, chiefForm) = await world.OpenAsync(chiefLink);
        var (rejected, rejectedHtml) = await world.PostAsync(chiefLink, chiefForm, "reject", false, false, "表三数据有误" + Img);
        Assert.Equal(HttpStatusCode.OK, rejected);
        Assert.Contains("已提交：退回修改", rejectedHtml);
        Assert.DoesNotContain(Img, rejectedHtml);

        var back = await world.MailAsync(Person("drafter", id), "【退回修改】");
        Assert.Contains("钱科长", back.TextBody);
        Assert.Contains("表三数据有误" + Img, back.TextBody);
        Assert.DoesNotContain(Img, back.HtmlBody);
        Assert.Contains("表三数据有误&lt;img", back.HtmlBody);
        await world.Api.WaitForAsync(id, Year, "Draft", round: 1);

        // The other reviewer of the decided level: already decided, nothing changes.
        var state = await world.StateAsync(id, Year);
        var (late, lateHtml) = await world.PostAsync(MailedHostFixture.LinkIn(secrecy), (await world.OpenAsync(MailedHostFixture.LinkIn(secrecy))).FormValue, "approve");
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Contains("已处理", lateHtml);
        Assert.Equal(state, await world.StateAsync(id, Year));

        // Round 2: the drafter fixes a figure and a paragraph; the first reviewer sees both highlighted.
        report.ProactiveDisclosure!.AdministrativeLicensing = Cell.Of(1234);
        report.Overview.DisclosureOnRequest.Paragraphs[0] = "2022年，我局收到政府信息公开申请0件（已按审核意见修改）。";
        await world.Api.PutDraftAsync(id, Year, ReportJson.Serialize(report), "application/json");
        using (var resubmitted = await world.Api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        var second = await world.MailAsync(Person("editor", id), "【待审核】", m => m.Subject.EndsWith("第2轮", StringComparison.Ordinal));
        var (secondPage, secondHtml, _) = await world.OpenAsync(MailedHostFixture.LinkIn(second));
        Assert.Equal(HttpStatusCode.OK, secondPage.StatusCode);
        Assert.Contains("与第1轮送审版本", secondHtml);
        Assert.Contains("class=\"changed\" title=\"原为：0\">1234</td>", secondHtml);
        Assert.Contains("<mark class=\"changed\">2022年，我局收到政府信息公开申请0件（已按审核意见修改）。</mark>", secondHtml);

        // The round-1 link of 初审 belongs to a review that is over.
        var (old, oldHtml, _) = await world.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Contains("已处理", oldHtml);

        await world.ApproveFromMailAsync(second);
        await world.ApproveFromMailAsync(await world.MailAsync(Person("secrecy", id), "【待审核】", m => m.Subject.EndsWith("第2轮", StringComparison.Ordinal)));
        await world.ApproveFromMailAsync(await world.MailAsync(Person("leader", id), "【待审核】", m => m.Subject.EndsWith("第2轮", StringComparison.Ordinal)));

        await world.MailAsync(Person("drafter", id), "【审核通过】");
        await world.MailAsync(Person("drafter", id), "【已报送】");
        await world.MailAsync(Person("drafter", id), "【已发布】");
        var done = await world.Api.WaitForAsync(id, Year, "Published");
        Assert.Equal(2, (int)done["status"]!["round"]!);
        // Every reviewer got exactly the mails of the levels they hold: one per round.
        Assert.Equal(2, world.MailTo(Person("editor", id)).Count);
        Assert.Equal(2, world.MailTo(Person("chief", id)).Count);
        Assert.Equal(2, world.MailTo(Person("secrecy", id)).Count);
        Assert.Single(world.MailTo(Person("leader", id)));
    }

    [Fact]
    public async Task Two_reviewers_of_an_any_one_level_post_at_once_and_exactly_one_decision_counts()
    {
        var id = await ReportInReviewAsync("mailrace", null, null,
            ApiDriver.Level("any", ("甲", "alpha"), ("乙", "beta")),
            ApiDriver.Level("any", ("丙", "gamma")),
            ApiDriver.Level("any", ("丁", "delta")));
        var alpha = MailedHostFixture.LinkIn(await world.MailAsync(Person("alpha", id), "【待审核】"));
        var beta = MailedHostFixture.LinkIn(await world.MailAsync(Person("beta", id), "【待审核】"));
        var alphaForm = (await world.OpenAsync(alpha)).FormValue;
        var betaForm = (await world.OpenAsync(beta)).FormValue;

        var results = await Task.WhenAll(
            world.PostAsync(alpha, alphaForm, "approve"),
            world.PostAsync(beta, betaForm, "reject", false, false, "不同意"));

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Single(results, r => r.Status == HttpStatusCode.Conflict);
        var approved = results[0].Status == HttpStatusCode.OK;
        if (approved)
        {
            await world.MailAsync(Person("gamma", id), "【待审核】");
            await world.Api.WaitForAsync(id, Year, "InReview", level: 2, round: 1);
            Assert.Empty(world.MailTo(Person("drafter", id)));
        }
        else
        {
            await world.MailAsync(Person("drafter", id), "【退回修改】");
            await world.Api.WaitForAsync(id, Year, "Draft", round: 1);
            Assert.Empty(world.MailTo(Person("gamma", id)));
        }
        Assert.Single(await DecisionsAsync(id));
    }

    [Fact]
    public async Task A_link_posts_once_and_a_second_post_changes_nothing()
    {
        var id = await ReportInReviewAsync("maildouble", null, null,
            ApiDriver.Level("any", ("甲", "alpha")),
            ApiDriver.Level("any", ("丙", "gamma")),
            ApiDriver.Level("any", ("丁", "delta")));
        var link = MailedHostFixture.LinkIn(await world.MailAsync(Person("alpha", id), "【待审核】"));
        var form = (await world.OpenAsync(link)).FormValue;

        var both = await Task.WhenAll(world.PostAsync(link, form, "approve"), world.PostAsync(link, form, "approve"));
        Assert.Single(both, r => r.Status == HttpStatusCode.OK);
        Assert.Single(both, r => r.Status == HttpStatusCode.Conflict);
        await world.Api.WaitForAsync(id, Year, "InReview", level: 2, round: 1);
        var state = await world.StateAsync(id, Year);

        var (again, againHtml) = await world.PostAsync(link, form, "reject", false, false, "再提交一次");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("已处理", againHtml);
        var (reopened, reopenedHtml, _) = await world.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Contains("此链接不能再次提交", reopenedHtml);
        Assert.Equal(state, await world.StateAsync(id, Year));
        Assert.Single(await DecisionsAsync(id));
        // The index shows level 2 before its e-mail is sent: wait for it, then there must be exactly one.
        await world.MailAsync(Person("gamma", id), "【待审核】");
        Assert.Single(world.MailTo(Person("gamma", id)));
    }

    [Fact]
    public async Task Tampered_unknown_expired_and_unconfirmed_posts_change_nothing()
    {
        var id = await ReportInReviewAsync("mailbad", null, null, ApiDriver.Level("any", ("甲", "alpha")), ApiDriver.Level("any", ("丙", "gamma")), ApiDriver.Level("any", ("丁", "delta")));
        var mail = await world.MailAsync(Person("alpha", id), "【待审核】");
        var link = MailedHostFixture.LinkIn(mail);
        var form = (await world.OpenAsync(link)).FormValue!;
        var state = await world.StateAsync(id, Year);
        var token = link[(link.LastIndexOf('/') + 1)..];

        var tampered = link[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        var (t, tHtml, _) = await world.OpenAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, t.StatusCode);
        Assert.Contains("链接无效", tHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(tampered, form, "approve")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await world.OpenAsync("review/not-a-token")).Response.StatusCode);

        // The form value is bound to its link: a page of one link cannot post another.
        var (forged, forgedHtml) = await world.PostAsync(link, form[..^2] + (form[^2] == 'A' ? "BB" : "AA"), "approve");
        Assert.Equal(HttpStatusCode.Forbidden, forged);
        Assert.Contains("页面校验失败", forgedHtml);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.PostAsync(link, null, "approve")).Status);

        // Approval needs both 审 and 校; a rejection needs a comment. The form comes back with the error.
        var (unticked, untickedHtml) = await world.PostAsync(link, form, "approve", review: true, proofread: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked);
        Assert.Contains("须同时勾选【审】和【校】", untickedHtml);
        var (silent, silentHtml) = await world.PostAsync(link, form, "reject", false, false, "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, silent);
        Assert.Contains("退回修改须填写意见", silentHtml);

        // A link whose validity ran out (issued against the same storage by a clock 8 days behind).
        var tables = new Azure.Data.Tables.TableServiceClient(world.Host.StorageConnectionString);
        var entry = await new ReportIndex(tables).GetAsync(id, Year, CancellationToken.None);
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8));
        var expired = await new ReviewLinkStore(tables,
                Options.Create(new ReviewLinkOptions { PublicBaseUrl = world.Host.BaseAddress.ToString().TrimEnd('/') }), past)
            .IssueAsync(new ReviewLinkGrant(id, Year, 1, 1, Person("alpha", id), "甲", entry!.SubmittedVersion!.Value, entry.SubmittedSha256!), null, CancellationToken.None);
        var (e, eHtml, eForm) = await world.OpenAsync(expired.Url);
        Assert.Equal(HttpStatusCode.Gone, e.StatusCode);
        Assert.Contains("链接已过期", eHtml);
        Assert.Null(eForm);

        Assert.Equal(state, await world.StateAsync(id, Year));
        Assert.Empty(await DecisionsAsync(id));

        // The real link still works after all that.
        await world.ApproveFromMailAsync(mail);
        await world.Api.WaitForAsync(id, Year, "InReview", level: 2, round: 1);
    }

    [Fact]
    public async Task An_overdue_level_gets_a_reminder_with_a_fresh_link_then_the_drafter_and_administrator_are_told_who_holds_it()
    {
        var id = await ReportInReviewAsync("mailremind", null, new JsonObject { ["dueAfter"] = "00:00:03" },
            ApiDriver.Level("any", ("甲", "alpha")), ApiDriver.Level("any", ("丙", "gamma")), ApiDriver.Level("any", ("丁", "delta")));
        var original = MailedHostFixture.LinkIn(await world.MailAsync(Person("alpha", id), "【待审核】"));

        var reminder = await world.MailAsync(Person("alpha", id), "【催办】");
        var fresh = MailedHostFixture.LinkIn(reminder);
        Assert.NotEqual(original, fresh);
        var escalation = await world.MailAsync(Person("drafter", id), "【督办】");
        Assert.Contains(MailedHostFixture.AdminEmail, escalation.To);
        Assert.Contains("甲", escalation.TextBody);
        Assert.Contains(Person("alpha", id), escalation.TextBody);

        await world.ApproveFromMailAsync(reminder);
        await world.Api.WaitForAsync(id, Year, "InReview", level: 2, round: 1);
        Assert.Equal(HttpStatusCode.Conflict, (await world.OpenAsync(original)).Response.StatusCode);
    }

    private async Task<List<TableEntityRow>> DecisionsAsync(string id)
    {
        var key = StorageNames.ReportKey(id, Year);
        var rows = new List<TableEntityRow>();
        await foreach (var row in world.Api.Table(StorageNames.DecisionsTable).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == key))
        {
            rows.Add(new TableEntityRow(row.RowKey));
        }
        return rows;
    }

    private sealed record TableEntityRow(string RowKey);
}

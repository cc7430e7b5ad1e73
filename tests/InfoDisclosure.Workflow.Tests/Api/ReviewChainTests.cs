using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Api;

/// <summary>The 三审三校 chain through the HTTP API of the local host on Azurite.</summary>
[Collection(LocalHostApiCollection.Name)]
public sealed class ReviewChainTests(LocalHostFixture host)
{
    private readonly ApiDriver _api = new(host);
    private const string Seed = "2022_hongsibu_approval_bureau.txt";

    [Fact]
    public async Task A_report_goes_through_every_level_with_a_rejection_round_and_is_published()
    {
        var id = ApiDriver.NewAgencyId("chain");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("all", ("钱科长", "chief@example.gov.cn"), ("孙保密", "secrecy@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader1@example.gov.cn"), ("周副局长", "leader2@example.gov.cn"))));

        using (var created = await _api.CreateReportAsync(id, 2022))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"/api/reports/{id}/2022", created.Headers.Location!.OriginalString);
        }
        var saved = await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture(Seed), "text/plain");
        Assert.Equal(2, (int)saved["version"]!);

        // Round 1: approved by 初审 and both reviewers of the all-rule 复审, rejected at 终审.
        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _api.WaitForAsync(id, 2022, "InReview", level: 1, round: 1);
        await _api.ApproveAsync(id, 2022, 1, 1, "editor@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 2, round: 1);
        await _api.ApproveAsync(id, 2022, 2, 1, "chief@example.gov.cn");
        // The first approval of the all-rule level, once the engine has processed it, started nothing and moved nothing.
        var afterFirst = await _api.WaitForProcessedEventAsync($"report-{id}-2022", WorkflowEvents.Decision(2, 1), "chief@example.gov.cn");
        Assert.Contains(afterFirst, e => e.EventType == "OrchestratorCompleted"); // the episode that took it is all there
        Assert.DoesNotContain(afterFirst, e => e.EventType == "TaskScheduled");
        Assert.Equal(2, (int)(await _api.GetReportAsync(id, 2022))["status"]!["level"]!);
        await _api.ApproveAsync(id, 2022, 2, 1, "secrecy@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 3, round: 1);
        using (var rejected = await _api.DecideAsync(id, 2022, 3, 1, "leader1@example.gov.cn", "reject", "第三部分数据请核对"))
        {
            Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        }
        var draft = await _api.WaitForAsync(id, 2022, "Draft", round: 1);
        Assert.Contains("第三部分数据请核对", (string?)draft["lastComment"]);
        Assert.Equal("drafter@example.gov.cn", (string?)draft["status"]!["holder"]![0]!["email"]);

        // The drafter revises; round 2 starts again at level 1.
        var revised = ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report;
        revised.Opening.Paragraphs.Add("根据审核意见修订。");
        var second = await _api.PutDraftAsync(id, 2022, ReportJson.Serialize(revised), "application/json");
        Assert.Equal(3, (int)second["version"]!);
        using (var resubmitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        await _api.WaitForAsync(id, 2022, "InReview", level: 1, round: 2);
        await _api.ApproveAsync(id, 2022, 1, 2, "editor@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 2, round: 2);
        await _api.ApproveAsync(id, 2022, 2, 2, "secrecy@example.gov.cn");
        await _api.ApproveAsync(id, 2022, 2, 2, "chief@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 3, round: 2);

        // Both reviewers of the any-one 终审 decide at the same moment: exactly one decision counts. Both are signed in
        // first, so that neither decision waits for a sign-in while the other one moves the report on.
        await _api.SessionAsync("leader1@example.gov.cn");
        await _api.SessionAsync("leader2@example.gov.cn");
        var both = await Task.WhenAll(
            _api.DecideAsync(id, 2022, 3, 2, "leader1@example.gov.cn"),
            _api.DecideAsync(id, 2022, 3, 2, "leader2@example.gov.cn"));
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        var loser = await both.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("already-decided", (string?)loser!["code"]);

        var published = await _api.WaitForAsync(id, 2022, "Published");
        var status = published["status"]!;
        Assert.Equal(2, (int)status["round"]!);
        var url = (string)status["publishedUrl"]!;
        using (var anonymous = new HttpClient())
        {
            Assert.Contains("吴忠市红寺堡区审批服务管理局", await anonymous.GetStringAsync(url));
        }

        // The audit trail shows the three 审 and three 校 of the final round, with who and when.
        var trail = published["reviewTrail"]!.AsArray().Where(t => (int)t!["round"]! == 2).ToList();
        Assert.Equal(["初审", "复审", "终审"], trail.Select(t => (string)t!["review"]!));
        Assert.Equal(["一校", "二校", "三校"], trail.Select(t => (string)t!["proofread"]!));
        Assert.Equal(["赵编辑"], trail[0]!["reviewedBy"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["孙保密", "钱科长"], trail[1]!["proofreadBy"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.All(trail, t => Assert.EndsWith("+08:00", (string)t!["reviewedBy"]![0]!["at"]!));
        var round1Level3 = published["reviewTrail"]!.AsArray().Single(t => (int)t!["round"]! == 1 && (int)t!["level"]! == 3)!;
        Assert.Equal("reject", (string?)round1Level3["decisions"]![0]!["decision"]);

        // Every action is in the audit log with who and from where.
        var audit = published["audit"]!.AsArray();
        var actions = audit.Select(a => (string)a!["action"]!).ToList();
        Assert.Equal(2, actions.Count(a => a == "submitted-for-review"));
        Assert.Equal(1, actions.Count(a => a == "submitted"));
        Assert.Equal(8, actions.Count(a => a.StartsWith("decision-"))); // the refused one of the simultaneous pair changed nothing
        Assert.Contains("published", actions);
        Assert.All(audit.Where(a => ((string)a!["action"]!).StartsWith("decision-")),
            a => Assert.Equal("127.0.0.1", (string?)a!["clientIp"]));

        // Reviewers were asked level by level, and the drafter told of the rejection, approval, 报送 and publication.
        var notices = await _api.WaitForNoticeAsync(id, 2022, "published", "drafter@example.gov.cn");
        Assert.Equal(6, notices.Count(n => n.Kind == "reviewRequested"));
        Assert.Equal(["approved", "published", "rejected", "submitted"],
            notices.Where(n => n.To == "drafter@example.gov.cn").Select(n => n.Kind).Order());
        var deliveries = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var d in _api.Table(StorageNames.DeliveriesTable).QueryAsync<Azure.Data.Tables.TableEntity>(
                           x => x.PartitionKey == StorageNames.ReportKey(id, 2022))) deliveries.Add(d);
        Assert.Equal("gongkai@example.gov.cn", deliveries.Single().GetString("To"));
        Assert.Equal(3, deliveries.Single().GetInt32("VersionNumber"));
    }

    [Fact]
    public async Task A_second_report_for_the_same_agency_and_year_is_refused()
    {
        var id = ApiDriver.NewAgencyId("unique");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("甲", "a@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn"))));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _api.CreateReportAsync(id, 2023)));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict], attempts.Select(a => a.StatusCode).Order());
        using var again = await _api.CreateReportAsync(id, 2023);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("report-exists", (string?)problem!["code"]);

        var report = await _api.GetReportAsync(id, 2023);
        Assert.Single(report["versions"]!.AsArray());
        Assert.Equal($"report-{id}-2023", (string?)report["workflow"]!["instanceId"]);
        Assert.Equal(WorkflowTasks.CurrentReportWorkflow, (string?)report["workflow"]!["name"]);
    }

    [Fact]
    public async Task A_decision_is_bound_to_the_version_under_review_and_the_draft_is_locked_while_in_review()
    {
        var id = ApiDriver.NewAgencyId("binding");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("甲", "a@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn"))));
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var firstSha = (string)(await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture(Seed), "text/plain"))["sha256"]!;
        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        // Editing under review is refused and stores nothing.
        var edit = ReportImporter.ImportText(TestPaths.ReadFixture(Seed)).Report;
        edit.Opening.Paragraphs.Add("审核期间的修改");
        var refused = await _api.PutDraftAsync(id, 2022, ReportJson.Serialize(edit), "application/json", HttpStatusCode.Conflict);
        Assert.Equal("not-editable", (string?)refused["code"]);
        Assert.Equal(2, (await _api.GetReportAsync(id, 2022))["versions"]!.AsArray().Count);

        // A decision about another version than the one under review is refused.
        using (var stale = await _api.DecideAsync(id, 2022, 1, 1, "a@example.gov.cn", sha: new string('0', 64)))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var problem = await stale.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("stale-version", (string?)problem!["code"]);
            Assert.Equal(firstSha, (string?)problem["sha256"]);
        }
        Assert.Equal(1, (int)(await _api.GetReportAsync(id, 2022))["status"]!["level"]!);

        // A decision for another level than the current one, and by someone not on the level, are refused too.
        using (var wrongLevel = await _api.DecideAsync(id, 2022, 2, 1, "b@example.gov.cn")) Assert.Equal(HttpStatusCode.Conflict, wrongLevel.StatusCode);
        using (var stranger = await _api.DecideAsync(id, 2022, 1, 1, "b@example.gov.cn")) Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);

        using (var bound = await _api.DecideAsync(id, 2022, 1, 1, "a@example.gov.cn", sha: firstSha)) Assert.Equal(HttpStatusCode.Accepted, bound.StatusCode);
        await _api.WaitForAsync(id, 2022, "InReview", level: 2, round: 1);

        // Rejected back, the draft can be edited again.
        using (var rejected = await _api.DecideAsync(id, 2022, 2, 1, "b@example.gov.cn", "reject", "请补充说明")) Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        await _api.WaitForAsync(id, 2022, "Draft", round: 1);
        var saved = await _api.PutDraftAsync(id, 2022, ReportJson.Serialize(edit), "application/json");
        Assert.Equal(3, (int)saved["version"]!);
    }

    [Fact]
    public async Task A_refused_decision_names_what_is_wrong_and_an_accepted_one_echoes_what_was_recorded()
    {
        var id = ApiDriver.NewAgencyId("refusals");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("甲", "a@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn"))));

        using (var missing = await _api.DecideAsync(id, 2022, 1, 1, "a@example.gov.cn")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sha = (string)(await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture(Seed), "text/plain"))["sha256"]!;
        var draft = await ProblemAsync(await _api.DecideAsync(id, 2022, 1, 1, "a@example.gov.cn"), HttpStatusCode.Conflict);
        Assert.Equal("not-current", (string?)draft["code"]);
        Assert.Equal("Draft", (string?)draft["stage"]);

        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _api.WaitForAsync(id, 2022, "InReview", level: 1, round: 1);

        var wrongLevel = await ProblemAsync(await _api.DecideAsync(id, 2022, 2, 1, "b@example.gov.cn"), HttpStatusCode.Conflict);
        Assert.Equal("not-current", (string?)wrongLevel["code"]);
        Assert.Equal(("InReview", 1, 1), ((string?)wrongLevel["stage"], (int)wrongLevel["level"]!, (int)wrongLevel["round"]!));

        var stranger = await ProblemAsync(await _api.DecideAsync(id, 2022, 1, 1, "b@example.gov.cn"), HttpStatusCode.Forbidden);
        Assert.Equal("$.reviewer", (string?)stranger["field"]);
        Assert.Contains("b@example.gov.cn", (string?)stranger["detail"]);

        var byNumber = await ProblemAsync(await (await _api.SessionAsync("a@example.gov.cn")).PostAsJsonAsync($"api/reports/{id}/2022/decisions", new
        {
            level = 1, round = 1, decision = "approve", reviewConfirmed = true, proofreadConfirmed = true, version = 1,
        }), HttpStatusCode.Conflict);
        Assert.Equal("stale-version", (string?)byNumber["code"]);
        Assert.Equal("$.version", (string?)byNumber["field"]);
        Assert.Equal(2, (int)byNumber["version"]!);
        Assert.Equal(1, (int)(await _api.GetReportAsync(id, 2022))["status"]!["level"]!);

        // The reviewer's address is matched without regard to case or surrounding spaces.
        using var accepted = await _api.DecideAsync(id, 2022, 1, 1, "  A@Example.GOV.cn ", sha: sha.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/reports/{id}/2022", accepted.Headers.Location!.OriginalString);
        var recorded = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 1, "approve", 2, sha), ((int)recorded["round"]!, (int)recorded["level"]!, (string?)recorded["decision"], (int)recorded["version"]!, (string?)recorded["sha256"]));
        Assert.Equal("初审·一校", (string?)recorded["levelName"]);
        Assert.Equal("a@example.gov.cn", (string?)recorded["reviewer"]!["email"]);
        await _api.WaitForAsync(id, 2022, "InReview", level: 2, round: 1);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode} {body}");
            return JsonNode.Parse(body)!.AsObject();
        }
    }

    [Fact]
    public async Task A_report_with_a_T4_total_error_cannot_be_submitted()
    {
        var id = ApiDriver.NewAgencyId("errors");
        await _api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("甲", "a@example.gov.cn")), ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn"))));
        using (var created = await _api.CreateReportAsync(id, 2023)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await _api.PutDraftAsync(id, 2023, TestPaths.ReadFixture("2023_hongze_district_gov.txt"), "text/plain");
        Assert.Contains(saved["findings"]!.AsArray(), f => (string?)f!["rule"] == "T4.TOTAL");

        using var submitted = await _api.SubmitAsync(id, 2023);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.StatusCode);
        var problem = await submitted.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["findings"]!.AsArray().Where(f => (string?)f!["severity"] == "error").ToList();
        Assert.Contains(errors, f => (string?)f!["rule"] == "T4.TOTAL");
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Value!.AsArray().Any(m => ((string)m!).StartsWith("T4.TOTAL")));

        var report = await _api.GetReportAsync(id, 2023);
        Assert.Equal("Draft", (string?)report["status"]!["stage"]);
        Assert.Equal(0, (int)report["status"]!["round"]!);
    }

    [Fact]
    public async Task An_undecided_level_gets_a_reminder_then_an_escalation_and_a_decision_still_counts()
    {
        var id = ApiDriver.NewAgencyId("remind");
        var agency = ApiDriver.Agency(id,
            ApiDriver.Level("all", ("甲", "a@example.gov.cn"), ("丁", "d@example.gov.cn")),
            ApiDriver.Level("any", ("乙", "b@example.gov.cn")), ApiDriver.Level("any", ("丙", "c@example.gov.cn")));
        agency["stageReminders"] = new JsonObject { ["dueAfter"] = "00:00:02" };
        await _api.CreateAgencyAsync(agency);
        using (var created = await _api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await _api.PutDraftAsync(id, 2022, TestPaths.ReadFixture(Seed), "text/plain");
        using (var submitted = await _api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _api.ApproveAsync(id, 2022, 1, 1, "a@example.gov.cn");

        var deadline = DateTime.UtcNow + ApiDriver.Patience;
        List<(string Id, string Kind, string To)> notices;
        do
        {
            await Task.Delay(250);
            notices = await _api.NoticesAsync(id, 2022);
        }
        while (!notices.Any(n => n.Kind == "escalation") && DateTime.UtcNow < deadline);
        Assert.True(notices.Any(n => n.Kind == "escalation"),
            $"no escalation within {ApiDriver.Patience}; notices: {string.Join(", ", notices.Select(n => $"{n.Kind} → {n.To}"))}");

        // The reminder goes only to the reviewer who has not decided; the escalation to the drafter.
        Assert.Equal("d@example.gov.cn", notices.Single(n => n.Kind == "reminder").To);
        Assert.Equal("drafter@example.gov.cn", notices.Single(n => n.Kind == "escalation").To);

        await _api.ApproveAsync(id, 2022, 1, 1, "d@example.gov.cn");
        await _api.WaitForAsync(id, 2022, "InReview", level: 2, round: 1);
    }
}

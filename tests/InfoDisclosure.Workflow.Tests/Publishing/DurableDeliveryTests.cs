using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Tests.Api;

namespace InfoDisclosure.Workflow.Tests.Publishing;

/// <summary>
/// The current report orchestrator (ReportWorkflow_v3) on the local host against a real SMTP server and portal
/// receiver: 报送 with attachments, a mail server that is down after a submission, a portal's 4xx, and the recovery of an
/// instance that failed.
/// </summary>
[Collection(PublishingHostCollection.Name)]
public sealed class DurableDeliveryTests(PublishingHostFixture world)
{
    private const int Year = PublishingEndToEndTests.Year;
    private const string Office = "gongkai@example.gov.cn";
    private readonly ApiDriver _api = new(world.Host);
    private static readonly string[] Reviewers = ["editor@example.gov.cn", "chief@example.gov.cn", "leader@example.gov.cn"];

    /// <summary>An agency with a name of its own, so its e-mails can be told apart from the other tests' (same addresses).</summary>
    private async Task<(string Id, string Title)> AgencyAsync(string prefix, string? deliveryEndpoint = null)
    {
        var id = ApiDriver.NewAgencyId(prefix);
        var agency = ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", Reviewers[0])),
            ApiDriver.Level("any", ("钱科长", Reviewers[1])),
            ApiDriver.Level("any", ("李局长", Reviewers[2])));
        agency["name"] = $"测试局{id}";
        if (deliveryEndpoint is not null) agency["delivery"] = new JsonObject { ["endpoint"] = deliveryEndpoint };
        await _api.CreateAgencyAsync(agency);
        using (var created = await _api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await _api.PutDraftAsync(id, Year, TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        return (id, $"测试局{id}{Year}年政府信息公开工作年度报告");
    }

    private async Task ApproveFromLevelAsync(string id, int fromLevel = 1, int toLevel = 3)
    {
        for (var level = fromLevel; level <= toLevel; level++)
        {
            await _api.WaitForAsync(id, Year, "InReview", level: level, round: 1);
            await _api.ApproveAsync(id, Year, level, 1, Reviewers[level - 1]);
        }
    }

    private List<Dev.Notifications.ReceivedMail> MailAbout(string title) =>
        world.Mailbox.Messages.Where(m => m.Subject.Contains(title, StringComparison.Ordinal)).ToList();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task The_supervising_office_receives_one_报送_email_with_the_DOCX_and_HTML_whose_SHA256_the_body_states_before_the_drafter_is_told()
    {
        var (id, title) = await AgencyAsync("baosong");
        using (var submitted = await _api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await ApproveFromLevelAsync(id);
        await _api.WaitForAsync(id, Year, "Published");
        var told = await world.Mailbox.WaitForAsync(m => m.Subject == $"【已报送】{title}", ApiDriver.Patience);

        var delivery = Assert.Single(MailAbout(title), m => m.Subject == $"【报送】{title}");
        Assert.Equal([Office], delivery.To);
        Assert.True(delivery.Id < told.Id, "the 【已报送】 notice went out before the 报送 itself");
        Assert.Equal([$"{title}.docx", $"{title}.html"], delivery.Attachments!.Select(a => a.FileName).Order());
        foreach (var file in delivery.Attachments!)
        {
            Assert.Contains($"{file.FileName} SHA-256", delivery.TextBody);
            Assert.Contains(Sha256(file.Content), delivery.TextBody);
            Assert.Contains(Sha256(file.Content), delivery.HtmlBody);
        }
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(delivery.Attachments!.Single(a => a.FileName.EndsWith(".docx")).Content, 0, 2));

        // The receipt: one row per approved version, delivered by e-mail, naming the message.
        var rows = await _api.Table(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(e => e.PartitionKey == StorageNames.ReportKey(id, Year)).ToListAsync();
        var receipt = Assert.Single(rows);
        Assert.Equal(("Delivered", "email", Office, delivery.MessageId), (receipt.GetString("Status"), receipt.GetString("Channel"), receipt.GetString("To"), receipt.GetString("Reference")));
    }

    [Fact]
    public async Task An_agency_with_a_delivery_endpoint_gets_one_signed_POST_with_both_files_instead_of_an_email()
    {
        var (id, title) = await AgencyAsync("endpoint", world.Portal.OfficeEndpoint);
        using (var submitted = await _api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await ApproveFromLevelAsync(id);
        var report = await _api.WaitForAsync(id, Year, "Published");
        await world.Mailbox.WaitForAsync(m => m.Subject == $"【已报送】{title}", ApiDriver.Patience);

        var key = $"report-{id}-{Year}:v{(int)report["submittedVersion"]!}:delivery";
        var delivery = Assert.Single(world.Portal.OfficeDeliveries, d => d.IdempotencyKey == key);
        Assert.True(delivery.SignatureValid);
        Assert.Equal((id, Year), ((string?)delivery.Body["agencyId"], (int?)delivery.Body["year"]));
        foreach (var file in new[] { "docx", "html" })
        {
            var content = Convert.FromBase64String((string)delivery.Body[file]!["content"]!);
            Assert.Equal(Sha256(content), (string?)delivery.Body[file]!["sha256"]);
        }
        Assert.DoesNotContain(MailAbout(title), m => m.Subject.StartsWith("【报送】", StringComparison.Ordinal));
        var rows = await _api.Table(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(e => e.PartitionKey == StorageNames.ReportKey(id, Year)).ToListAsync();
        Assert.Equal(("Delivered", "endpoint"), (Assert.Single(rows).GetString("Status"), rows[0].GetString("Channel")));
    }

    [Fact]
    public async Task An_SMTP_server_down_right_after_a_submission_leaves_the_report_waiting_flagged_and_once_back_each_email_goes_out_once()
    {
        var (id, title) = await AgencyAsync("smtpdown");
        await world.StopSmtpAsync();
        try
        {
            using (var submitted = await _api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var flagged = await WaitForStatusAsync(id, s => (bool?)s["notificationFailed"] == true);
            Assert.Equal(("InReview", 1), ((string?)flagged["status"]!["stage"], (int?)flagged["status"]!["level"]));
            Assert.Contains(":R1:L1:review", (string?)flagged["status"]!["notificationError"]);

            // Longer than v1's activity retries (about 15 s), after which v1 failed the whole report: v2 keeps it running.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < until)
            {
                var report = await _api.GetReportAsync(id, Year);
                Assert.Equal(("Running", "InReview", true),
                    ((string?)report["workflow"]!["runtimeStatus"], (string?)report["status"]!["stage"], (bool?)report["status"]!["notificationFailed"]));
                await Task.Delay(1000);
            }
            var overview = JsonNode.Parse(await world.Host.Client.GetStringAsync($"api/admin/overview?year={Year}"))!;
            Assert.True((bool)overview["reports"]!.AsArray().Single(r => (string?)r!["agencyId"] == id)!["notificationFailed"]!);
            using var resend = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/resend", null);
            Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        }
        finally
        {
            await world.StartSmtpAsync();
        }

        await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith($"【待审核】{title}", StringComparison.Ordinal), ApiDriver.Patience);
        await WaitForStatusAsync(id, s => (bool?)s["notificationFailed"] == false);
        using (var nothingToResend = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/resend", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, nothingToResend.StatusCode);
            Assert.Contains("not-failing", await nothingToResend.Content.ReadAsStringAsync());
        }
        await ApproveFromLevelAsync(id);
        await _api.WaitForAsync(id, Year, "Published");
        await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith($"【已发布】{title}", StringComparison.Ordinal), ApiDriver.Patience);

        var mail = MailAbout(title);
        Assert.Equal(mail.Count, mail.Select(m => (m.Subject, string.Join(",", m.To))).Distinct().Count());
        Assert.Equal(3, mail.Count(m => m.Subject.StartsWith("【待审核】", StringComparison.Ordinal)));
        Assert.Single(mail, m => m.Subject.StartsWith("【报送】", StringComparison.Ordinal));
        Assert.Single(mail, m => m.Subject.StartsWith("【已报送】", StringComparison.Ordinal));
        var audit = (await _api.GetReportAsync(id, Year))["audit"]!.AsArray().Select(a => (string?)a!["action"]).ToList();
        Assert.Single(audit, a => a == "notification-failing");
        Assert.Single(audit, a => a == "notification-recovered");
    }

    [Fact]
    public async Task A_portal_4xx_is_PublishFailed_at_once_with_our_message_not_the_portals_page()
    {
        var (id, _) = await AgencyAsync("portal422");
        world.Portal.AnswerNext(422);
        using (var submitted = await _api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await ApproveFromLevelAsync(id);

        var failed = await _api.WaitForAsync(id, Year, "PublishFailed");
        var comment = (string?)failed["lastComment"];
        Assert.Contains("HTTP 422", comment);
        Assert.DoesNotContain("internal details", comment);
        Assert.Equal([422], world.Portal.Requests.Where(r => r.Payload.AgencyId == id).Select(r => r.AnsweredStatus));

        using (var retry = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/publish", null))
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await _api.WaitForAsync(id, Year, "Published");
        Assert.Equal([422, 200], world.Portal.Requests.Where(r => r.Payload.AgencyId == id).Select(r => r.AnsweredStatus));
    }

    [Fact]
    public async Task A_failed_instance_shows_red_in_the_overview_and_recover_restarts_it_from_its_last_good_point_to_publication()
    {
        var (id, title) = await AgencyAsync("recover");
        using (var submitted = await _api.SubmitAsync(id, Year)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await ApproveFromLevelAsync(id, toLevel: 2);
        var inReview = await _api.WaitForAsync(id, Year, "InReview", level: 3, round: 1);

        // A "bug": the approved version's blob is gone when the final artifacts are made, so the instance fails.
        var blob = new BlobServiceClient(world.Host.StorageConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06))
            .GetBlobContainerClient(StorageNames.DraftsContainer)
            .GetBlobClient($"{id}/{Year}/v{(int)inReview["submittedVersion"]!:D4}/report.json");
        var content = (await blob.DownloadContentAsync()).Value.Content;
        await blob.DeleteAsync();
        await _api.ApproveAsync(id, Year, 3, 1, Reviewers[2]);
        await WaitForAsync(id, r => (string?)r["workflow"]?["runtimeStatus"] == "Failed");

        var page = await world.Host.Client.GetStringAsync($"overview?year={Year}");
        Assert.Contains($"<tr class=\"failed\" data-agency=\"{id}\">", page);
        var overview = JsonNode.Parse(await world.Host.Client.GetStringAsync($"api/admin/overview?year={Year}"))!;
        Assert.True((bool)overview["reports"]!.AsArray().Single(r => (string?)r!["agencyId"] == id)!["workflowFailed"]!);

        await blob.UploadAsync(content);
        using (var recovered = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/recover", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, recovered.StatusCode);
            Assert.Equal("Approved", (string?)JsonNode.Parse(await recovered.Content.ReadAsStringAsync())!["recovered"]);
        }
        var report = await _api.WaitForAsync(id, Year, "Published");
        Assert.Equal(WorkflowTasks.CurrentReportWorkflow, (string?)report["workflow"]!["name"]);
        Assert.Contains(report["audit"]!.AsArray(), a => (string?)a!["action"] == "recovered");
        await world.Mailbox.WaitForAsync(m => m.Subject.StartsWith($"【已发布】{title}", StringComparison.Ordinal), ApiDriver.Patience);
        var mail = MailAbout(title);
        Assert.Single(mail, m => m.Subject.StartsWith("【报送】", StringComparison.Ordinal));
        Assert.Single(mail, m => m.Subject.StartsWith("【审核通过】", StringComparison.Ordinal));
        Assert.Single(world.Portal.Published, p => p.Value.AgencyId == id);

        using var again = await world.Host.Client.PostAsync($"api/reports/{id}/{Year}/recover", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("not-failed", await again.Content.ReadAsStringAsync());
    }

    private Task<JsonObject> WaitForStatusAsync(string id, Func<JsonNode, bool> condition) => WaitForAsync(id, r => condition(r["status"]!));

    private async Task<JsonObject> WaitForAsync(string id, Func<JsonObject, bool> condition)
    {
        var until = DateTime.UtcNow + ApiDriver.Patience;
        while (true)
        {
            var report = await _api.GetReportAsync(id, Year);
            if (condition(report)) return report;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{id}: {report["status"]} {report["workflow"]}");
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.SignIn;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.ReviewLinks;

namespace InfoDisclosure.Workflow.Tests.Access;

/// <summary>
/// Passwordless sign-in, sessions, forgery and rate limits on the local host that mails to a test SMTP server, with the
/// production limits (20 failures or sign-in requests per client, 5 sign-in requests per address, per 15 minutes).
/// </summary>
[Collection(MailedHostCollection.Name)]
public sealed class SignInTests(MailedHostFixture world)
{
    private Hosting.LocalHostFixture Host => world.Host;

    /// <summary>An agency whose one reviewer is a fresh person, so each test signs in someone nobody else uses.</summary>
    private async Task<(string AgencyId, string Reviewer)> PersonAsync(string prefix)
    {
        var id = ApiDriver.NewAgencyId(prefix);
        var reviewer = $"{id}@example.gov.cn";
        await world.Api.CreateAgencyAsync(ApiDriver.Agency(id, ApiDriver.Level("any", ("审核人", reviewer)),
            ApiDriver.Level("any", ("复审人", $"l2-{reviewer}")), ApiDriver.Level("any", ("终审人", $"l3-{reviewer}"))));
        return (id, reviewer);
    }

    [Fact]
    public async Task A_GET_of_the_link_never_signs_in_the_POST_does_once_and_reused_tampered_or_expired_links_are_refused()
    {
        var (_, email) = await PersonAsync("link");
        using var browser = SignInDriver.Browser(Host);
        var link = await SignInDriver.RequestLinkAsync(browser, Host.Mailbox, email);

        // Mail scanners fetch links: the GET shows a button and changes nothing, however often.
        string page = "";
        for (var i = 0; i < 2; i++)
        {
            using var shown = await browser.GetAsync(link);
            page = await shown.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Contains("确认登录", page);
            using var stillAnonymous = await browser.GetAsync("api/reports?year=2022");
            Assert.Equal(HttpStatusCode.Unauthorized, stillAnonymous.StatusCode);
        }

        // Without the page's anti-forgery token the POST is refused and the link stays unspent.
        using (var forged = await browser.PostAsync(link, new FormUrlEncodedContent([])))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var signedIn = await browser.PostAsync(link, SignInDriver.Form(page));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, cookie, StringComparison.OrdinalIgnoreCase);
        using (var reports = await browser.GetAsync("api/reports?year=2022")) Assert.Equal(HttpStatusCode.OK, reports.StatusCode);

        // Single use: the same link again, from anyone, signs nobody in.
        using var other = SignInDriver.Browser(Host);
        var otherPage = await other.GetStringAsync("sign-in");
        using (var reused = await other.PostAsync(link, SignInDriver.Form(otherPage))) Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        using (var reusedGet = await other.GetAsync(link)) Assert.Equal(HttpStatusCode.Gone, reusedGet.StatusCode);

        // Tampered: one character changed.
        var token = link[(link.LastIndexOf('/') + 1)..];
        var tampered = link[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        using (var t = await other.GetAsync(tampered)) Assert.Equal(HttpStatusCode.Gone, t.StatusCode);
        using (var t = await other.PostAsync(tampered, SignInDriver.Form(otherPage))) Assert.Equal(HttpStatusCode.Gone, t.StatusCode);

        // Expired: a fresh link whose 15 minutes have passed (moved back in storage, as time would).
        var late = await SignInDriver.RequestLinkAsync(other, Host.Mailbox, email);
        var lateToken = late[(late.LastIndexOf('/') + 1)..];
        var table = new TableServiceClient(Host.StorageConnectionString).GetTableClient(SignInLinkStore.TableName);
        await table.UpdateEntityAsync(new TableEntity(ReviewLinkTokens.Hash(lateToken), "link") { ["ExpiresAt"] = DateTimeOffset.UtcNow.AddSeconds(-1) },
            Azure.ETag.All, TableUpdateMode.Merge);
        using (var expired = await other.GetAsync(late)) Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        using (var expired = await other.PostAsync(late, SignInDriver.Form(otherPage))) Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        using (var notSignedIn = await other.GetAsync("api/reports?year=2022")) Assert.Equal(HttpStatusCode.Unauthorized, notSignedIn.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var (_, known) = await PersonAsync("same");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.gov.cn";
        using var browser = SignInDriver.Browser(Host);

        using var forUnknown = await SignInDriver.PostSignInAsync(browser, unknown);
        using var forKnown = await SignInDriver.PostSignInAsync(browser, known);

        Assert.Equal(HttpStatusCode.OK, forUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forKnown.StatusCode);
        Assert.Equal((await forKnown.Content.ReadAsStringAsync()).Replace(known, "{email}"), (await forUnknown.Content.ReadAsStringAsync()).Replace(unknown, "{email}"));
        // The mail is sent before the answer: the known address has its link, the unknown none.
        Assert.Contains(Host.Mailbox.Messages, m => m.To.Contains(known));
        Assert.DoesNotContain(Host.Mailbox.Messages, m => m.To.Contains(unknown));
    }

    [Fact]
    public async Task Sign_in_requests_are_limited_per_address_and_per_client()
    {
        var (_, email) = await PersonAsync("limit");
        for (var i = 0; i < 5; i++)
        {
            using var client = SignInDriver.Browser(Host);
            using var ok = await SignInDriver.PostSignInAsync(client, email);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var sixth = SignInDriver.Browser(Host))
        using (var limited = await SignInDriver.PostSignInAsync(sixth, email))
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(5, Host.Mailbox.Messages.Count(m => m.To.Contains(email)));

        using var one = SignInDriver.Browser(Host);
        for (var i = 0; i < 20; i++)
        {
            using var ok = await SignInDriver.PostSignInAsync(one, $"many-{i}-{Guid.NewGuid():N}@example.gov.cn");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var over = await SignInDriver.PostSignInAsync(one, $"many-{Guid.NewGuid():N}@example.gov.cn");
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Contains(await AccessAuditAsync(), e => e.Detail.Contains("too many sign-in requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_keys_and_link_guesses_are_limited_per_client_and_audited()
    {
        var attacker = SignInDriver.NewClientAddress();
        using var wrong = Client(attacker, key: "guess");
        for (var i = 0; i < 20; i++)
        {
            using var refused = await wrong.GetAsync("api/agencies");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using (var limited = await wrong.GetAsync("api/agencies")) Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // Locked out, even the right key waits; another client is not affected.
        using (var right = Client(attacker, key: Host.ApiKey))
        using (var stillLimited = await right.GetAsync("api/agencies"))
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
        using (var elsewhere = Client(SignInDriver.NewClientAddress(), key: Host.ApiKey))
        using (var fine = await elsewhere.GetAsync("api/agencies"))
            Assert.Equal(HttpStatusCode.OK, fine.StatusCode);

        using var guesser = Client(SignInDriver.NewClientAddress(), key: null);
        for (var i = 0; i < 20; i++)
        {
            using var unknown = await guesser.GetAsync($"review/{ReviewLinkTokens.NewToken()}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        using (var limited = await guesser.GetAsync($"review/{ReviewLinkTokens.NewToken()}")) Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        using (var signInGuess = await guesser.GetAsync($"sign-in/{ReviewLinkTokens.NewToken()}")) Assert.Equal(HttpStatusCode.TooManyRequests, signInGuess.StatusCode);

        var audit = await AccessAuditAsync();
        Assert.Contains(audit, e => e.Client.StartsWith(attacker, StringComparison.Ordinal) && e.Detail == "GET /api/agencies: wrong API key");
        Assert.Contains(audit, e => e.Client.StartsWith(attacker, StringComparison.Ordinal) && e.Detail.EndsWith("(rate limit)", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Detail == "GET /review/{token}: unknown review link");
    }

    [Fact]
    public async Task A_session_survives_a_restart_sign_out_ends_it_on_the_server_and_sign_out_everywhere_ends_all()
    {
        var (_, email) = await PersonAsync("session");
        using var first = await SignInDriver.SignInAsync(Host, email);
        using var second = await SignInDriver.SignInAsync(Host, email);
        using var third = await SignInDriver.SignInAsync(Host, email);
        var firstCookie = SessionCookieOf(first);

        await Host.RestartAsync();

        using (var afterRestart = await first.GetAsync("api/reports?year=2022")) Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        using (var signOut = await first.PostAsync("sign-out", SignInDriver.Form(await first.GetStringAsync("sign-in"))))
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        // The old cookie, replayed, no longer counts: the session ended on the server, not only in the browser.
        using (var replay = new HttpClient { BaseAddress = Host.BaseAddress })
        {
            replay.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={firstCookie}");
            using var refused = await replay.GetAsync("api/reports?year=2022");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using (var stillIn = await second.GetAsync("api/reports?year=2022")) Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        using (var everywhere = await second.PostAsync("sign-out/everywhere", SignInDriver.Form(await second.GetStringAsync("sign-in"))))
            Assert.Equal(HttpStatusCode.OK, everywhere.StatusCode);
        using (var out3 = await third.GetAsync("api/reports?year=2022")) Assert.Equal(HttpStatusCode.Unauthorized, out3.StatusCode);
        var audit = await AccessAuditAsync();
        Assert.Contains(audit, e => e.Actor == email && e.Action == "signed-out");
        Assert.Contains(audit, e => e.Actor == email && e.Action == "signed-out-everywhere");
    }

    [Fact]
    public async Task Forged_cross_site_posts_change_nothing()
    {
        var (id, _) = await PersonAsync("forged");
        using (var created = await world.Api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = await world.StateAsync(id, 2022);
        using var drafter = await SignInDriver.SignInAsync(Host, "drafter@example.gov.cn");

        // A page elsewhere posting to us with the drafter's cookie: no anti-forgery token (forms), a foreign origin (API).
        using (var signOut = await drafter.PostAsync("sign-out", new FormUrlEncodedContent([]))) Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        using (var submit = new HttpRequestMessage(HttpMethod.Post, $"api/reports/{id}/2022/submit"))
        {
            submit.Headers.Add("Origin", "https://evil.example");
            submit.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var refused = await drafter.SendAsync(submit);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var stillIn = await drafter.GetAsync($"api/reports/{id}/2022")) Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(before, await world.StateAsync(id, 2022));
        Assert.Contains(await AccessAuditAsync(), e => e.Detail.Contains("anti-forgery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_key_cannot_decide_for_a_reviewer_and_the_refusal_is_audited()
    {
        var (id, reviewer) = await PersonAsync("nokeydecide");
        using (var created = await world.Api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await world.Api.PutDraftAsync(id, 2022, InfoDisclosure.Tests.Shared.TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        using (var submitted = await world.Api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var before = (await world.Api.WaitForAsync(id, 2022, "InReview", level: 1, round: 1))["reviewTrail"]!.ToJsonString();

        using var byKey = await Host.Client.PostAsJsonAsync($"api/reports/{id}/2022/decisions", new
        {
            level = 1, round = 1, reviewer, decision = "approve", reviewConfirmed = true, proofreadConfirmed = true,
        });
        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        var after = await world.Api.GetReportAsync(id, 2022);
        Assert.Equal(before, after["reviewTrail"]!.ToJsonString());
        Assert.Equal((1, 1), ((int)after["status"]!["level"]!, (int)after["status"]!["round"]!));
        Assert.Contains(await AccessAuditAsync(), e => e.Actor == "api-key" && e.Detail == $"POST /api/reports/{{agencyId}}/{{year}}/decisions ({id}): role does not allow (decide)");

        // The reviewer, signed in, can; the decision names them.
        using var session = await SignInDriver.SignInAsync(Host, reviewer);
        using var own = await session.PostAsJsonAsync($"api/reports/{id}/2022/decisions", new
        {
            level = 1, round = 1, decision = "approve", reviewConfirmed = true, proofreadConfirmed = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        var report = await world.Api.GetReportAsync(id, 2022);
        Assert.Equal(reviewer, (string?)report["reviewTrail"]![0]!["decisions"]![0]!["reviewerEmail"]);
        Assert.Contains(report["audit"]!.AsArray(), a => (string?)a!["action"] == "decision-approve" && ((string?)a!["actor"])!.Contains($"<{reviewer}>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_easyauth_header_is_ignored_when_easyauth_is_off()
    {
        var (_, email) = await PersonAsync("easyoff");
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"{{email}}"}]}"""));
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Add(EasyAuthPrincipal.HeaderName, principal);
        using var refused = await client.GetAsync("api/reports?year=2022");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HttpClient Client(string clientAddress, string? key)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        if (key is not null) client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private string SessionCookieOf(HttpClient client) => SignInDriver.Cookies(client).GetCookies(Host.BaseAddress)[SessionCookie.Name]!.Value;

    private sealed record AuditRow(string Actor, string Action, string Detail, string Client);

    private async Task<List<AuditRow>> AccessAuditAsync()
    {
        var rows = new List<AuditRow>();
        var table = new TableServiceClient(Host.StorageConnectionString).GetTableClient("AuditLog");
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == "access"))
        {
            rows.Add(new AuditRow(e.GetString("Actor") ?? "", e.GetString("Action") ?? "", e.GetString("Detail") ?? "", e.GetString("ClientIp") ?? ""));
        }
        return rows;
    }
}

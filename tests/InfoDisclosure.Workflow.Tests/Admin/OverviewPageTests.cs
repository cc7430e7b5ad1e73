using System.Net;
using System.Text;
using System.Net.Http.Json;
using InfoDisclosure.Workflow.Tests.Access;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Browser;
using InfoDisclosure.Workflow.Tests.Publishing;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Admin;

/// <summary>The supervising office's page on the local host: sign-in by e-mail link, read-only GETs, a phone.</summary>
[Collection(PublishingHostCollection.Name)]
public sealed class OverviewPageTests(PublishingHostFixture world)
{
    private const int Year = PublishingEndToEndTests.Year;

    private const string Office = "office@supervision.example.gov.cn";

    private async Task EnsureOfficeAsync()
    {
        using var put = await world.Host.Client.PutAsJsonAsync($"api/people/{Office}", new { name = "公开办", roles = new[] { new { role = "office" } } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_session_the_page_sends_to_sign_in_the_office_reads_it_and_sign_out_ends_it()
    {
        await EnsureOfficeAsync();
        using var anonymous = SignInDriver.Browser(world.Host);
        using var redirected = await anonymous.GetAsync($"overview?year={Year}");
        Assert.Equal(HttpStatusCode.SeeOther, redirected.StatusCode);
        Assert.Equal($"/sign-in?returnUrl=%2Foverview%3Fyear%3D{Year}", redirected.Headers.Location?.OriginalString);
        Assert.Contains("default-src 'none'", redirected.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", redirected.Headers.GetValues("Referrer-Policy").Single());

        using var office = await SignInDriver.SignInAsync(world.Host, Office);
        using var page = await office.GetAsync($"overview?year={Year}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{Year}年度政府信息公开工作年度报告进度总览", html);

        using var csv = await office.GetAsync($"overview/export.csv?year={Year}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("nosniff", csv.Headers.GetValues("X-Content-Type-Options").Single());

        // The page's own sign-out form, with its anti-forgery token.
        using var signOut = await office.PostAsync("sign-out", SignInDriver.Form(html));
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        using var after = await office.GetAsync($"overview?year={Year}");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
    }

    [Fact]
    public async Task Reading_the_overview_changes_nothing()
    {
        var api = new ApiDriver(world.Host);
        var id = ApiDriver.NewAgencyId("ovread");
        await api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        using (var created = await api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = (await api.GetReportAsync(id, Year)).ToJsonString();
        var deadline = DateTime.UtcNow + ApiDriver.Patience;
        while (!before.Contains("\"runtimeStatus\":\"Running\"", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The workflow of {id}/{Year} was not Running within {ApiDriver.Patience}: {before}");
            await Task.Delay(100);
            before = (await api.GetReportAsync(id, Year)).ToJsonString();
        }

        for (var i = 0; i < 3; i++)
        {
            using var json = await world.Host.Client.GetAsync($"api/admin/overview?year={Year}");
            using var csv = await world.Host.Client.GetAsync($"api/admin/overview?year={Year}&format=csv");
            using var summary = await world.Host.Client.GetAsync($"api/admin/summary?year={Year}");
            using var page = await world.Host.Client.GetAsync($"overview?year={Year}");
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { json.StatusCode, csv.StatusCode, summary.StatusCode, page.StatusCode });
        }

        Assert.Equal(before, (await api.GetReportAsync(id, Year)).ToJsonString());
        using var badYear = await world.Host.Client.GetAsync("api/admin/overview?year=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("\"field\":\"year\"", await badYear.Content.ReadAsStringAsync());
        using var noKey = await world.Host.AnonymousClient.GetAsync($"api/admin/summary?year={Year}");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task On_a_375_px_phone_the_office_signs_in_from_the_mail_and_the_page_fits_the_screen()
    {
        await using var chromium = await SharedChromium.LeaseAsync();
        var browser = chromium.Browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        var page = await context.NewPageAsync();
        await EnsureOfficeAsync();
        await page.GotoAsync(new Uri(world.Host.BaseAddress, $"overview?year={Year}").ToString());
        var before = world.Mailbox.Messages.Count == 0 ? 0 : world.Mailbox.Messages.Max(m => m.Id);
        await page.FillAsync("input[name=email]", Office);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("h1:has-text('请查收邮件')");
        var mail = await world.Mailbox.WaitForAsync(m => m.Id > before && m.To.Contains(Office) && m.Subject.StartsWith("【登录】", StringComparison.Ordinal), ApiDriver.Patience);
        await page.GotoAsync(SignInDriver.LinkIn(mail));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("h1:has-text('进度总览')");

        Assert.Contains($"year={Year}", page.Url);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone.");
        Assert.True(await page.IsVisibleAsync("svg[aria-label='各阶段单位数']"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "overview-375.png"), FullPage = true });
    }
}

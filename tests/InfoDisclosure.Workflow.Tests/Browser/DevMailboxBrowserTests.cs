using System.Net;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

/// <summary>
/// The dev mailbox in a real browser, a stranger's first stop: the e-mail's body is readable inside the mailbox page
/// and its review link opens the review page when clicked there.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class DevMailboxBrowserTests(DemoHostFixture world)
{
    [Fact]
    public async Task A_review_e_mail_reads_in_the_mailbox_and_its_link_opens_the_review_page_on_a_click()
    {
        var agencyId = await NewSubmittedReportAsync("mailbox");
        await using var context = await world.NewContextAsync(375);
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text); };

        var mail = page.Locator("article.mail", new PageLocatorOptions { HasText = $"editor-{agencyId}@example.gov.cn" });
        for (var attempt = 0; attempt < 240 && await mail.CountAsync() == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            await page.GotoAsync("dev/mailbox");
        }
        Assert.Equal(1, await mail.CountAsync());

        // The body is the frame's own document: readable text, not a blank box.
        var body = mail.FrameLocator("iframe").Locator("body");
        await body.Locator("h2").WaitForAsync();
        Assert.Contains("请审核", await body.Locator("h2").InnerTextAsync());
        Assert.True(await mail.Locator("iframe").BoundingBoxAsync() is { Height: > 200 }, "the frame is too small to read");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "dev-mailbox-375.png"), FullPage = true });

        var link = body.Locator("a", new LocatorLocatorOptions { HasText = "打开审核页面" });
        var href = await link.GetAttributeAsync("href");
        Assert.Contains("/review/", href);
        await link.ClickAsync();
        await page.WaitForURLAsync(href!);
        await page.Locator("form button[value=approve]").WaitForAsync();
        Assert.Contains("审核", await page.TitleAsync());
        Assert.Empty(refused);
    }

    /// <summary>A new agency with a three-level chain and the seed report submitted, through the API with the key.</summary>
    private async Task<string> NewSubmittedReportAsync(string prefix)
    {
        var api = new Api.ApiDriver(world.Host);
        var id = Api.ApiDriver.NewAgencyId(prefix);
        await api.CreateAgencyAsync(Api.ApiDriver.Agency(id,
            Api.ApiDriver.Level("any", ("赵编辑", $"editor-{id}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("钱科长", $"chief-{id}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("李局长", $"leader-{id}@example.gov.cn"))));
        using (var created = await api.CreateReportAsync(id, 2022)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await api.PutDraftAsync(id, 2022, InfoDisclosure.Tests.Shared.TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        using (var submitted = await api.SubmitAsync(id, 2022)) Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return id;
    }
}

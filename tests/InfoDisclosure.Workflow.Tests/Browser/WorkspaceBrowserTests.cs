using System.Net;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Tests.Shared;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

/// <summary>
/// Issue 10's scenario and its done-when walk in Chromium, with nothing but the browser and the dev mailbox: the demo
/// drafter signs in, imports a DOCX of the seed report made by our own export, watches a total follow its parts as
/// they are typed, breaks a total and fixes it guided by the finding beside the cell, and submits; the first reviewer
/// finds it under 待我审核 and approves there, signed in; the second follows the e-mailed link from the mailbox; the
/// third signs in and approves; the report is Published. A drafter of another agency is refused. Every page is
/// screenshot at 375 px and 1280 px into $TMPDIR/workspace-shots.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class WorkspaceBrowserTests(DemoHostFixture world)
{
    private const string Drafter = "drafter@demo.example";
    private const string FirstReviewer = "editor@demo.example";
    private const string SecondReviewer = "section-head@demo.example";
    private const string ThirdReviewer = "deputy-director@demo.example";
    private const string Part = "四.行政复议.结果维持";
    private const string Total = "四.行政复议.总计";
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "workspace-shots");

    [Fact]
    public async Task The_seed_report_goes_from_sign_in_through_editing_submission_and_three_reviews_to_published_in_the_browser()
    {
        Directory.CreateDirectory(Shots);
        var report = $"reports/{DemoHostFixture.DemoAgency}/{DemoHostFixture.DemoYear}";
        var refused = new List<string>();

        await using var drafterContext = await world.NewContextAsync();
        var page = await drafterContext.NewPageAsync();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text); };
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
        await ShotAsync(page, "sign-in");
        await SignInAsync(page, Drafter, shots: true);
        Assert.EndsWith("/reports", page.Url);
        await ShotAsync(page, "reports-drafter");

        await page.Locator($"tr[data-report='{DemoHostFixture.DemoAgency}/{DemoHostFixture.DemoYear}'] a").ClickAsync();
        Assert.EndsWith(report, page.Url);
        await ShotAsync(page, "report");

        // Import the seed as Word made by our own export; the findings show before anything is saved.
        await page.Locator("nav a", new PageLocatorOptions { HasText = "导入" }).ClickAsync();
        await ShotAsync(page, "import");
        var docx = DocxRenderer.Render(ReportImporter.ImportText(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt")).Report);
        await page.Locator("input[name=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "红寺堡区审批服务管理局2022年报.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = docx,
        });
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.Locator("#preview").WaitForAsync();
        Assert.Contains("上传的文件", await page.Locator("#preview").InnerTextAsync());
        await ShotAsync(page, "import-preview");
        await page.Locator("button[name=confirm]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        await ShotAsync(page, "editor");

        // The script keeps the total in step with its parts as they are typed (nothing is saved by it).
        var part = page.Locator($"[id='c:{Part}']");
        var total = page.Locator($"[id='c:{Total}']");
        var (partBefore, totalBefore) = (Number(await part.InputValueAsync()), Number(await total.InputValueAsync()));
        await part.FillAsync((partBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((totalBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await total.InputValueAsync());
        await part.FillAsync(partBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(totalBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), await total.InputValueAsync());

        // Break a total: the finding appears beside that cell.
        var cell = page.Locator($"[id='c:{Total}']");
        var original = await cell.InputValueAsync();
        var broken = (int.Parse(original, System.Globalization.CultureInfo.InvariantCulture) + 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await cell.FillAsync(broken);
        await page.Locator("button[name=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        var box = page.Locator("td", new PageLocatorOptions { Has = page.Locator($"[id='c:{Total}']") });
        Assert.Equal("has-error", await box.GetAttributeAsync("class"));
        var finding = await box.Locator("small.cell-finding").InnerTextAsync();
        Assert.Contains("总计", finding);
        Assert.Equal(broken, await page.Locator($"[id='c:{Total}']").InputValueAsync());
        await page.Locator($"[id='c:{Total}']").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "editor-finding", fullPage: false);

        // Fix it, guided by the finding: the cell is clean again.
        await page.Locator($"[id='c:{Total}']").FillAsync(original);
        await page.Locator("button[name=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        Assert.Null(await page.Locator("td", new PageLocatorOptions { Has = page.Locator($"[id='c:{Total}']") }).GetAttributeAsync("class"));

        await page.GotoAsync($"{report}/compare");
        await ShotAsync(page, "compare");
        await page.GotoAsync($"{report}/preview");
        await ShotAsync(page, "preview");

        await page.GotoAsync(report);
        await page.Locator("button[name=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("submitted=1", StringComparison.Ordinal));
        Assert.Contains("已提交审核", await page.Locator("[role=status]").InnerTextAsync());
        await ShotAsync(page, "report-submitted");

        // The first reviewer signs in and finds it under 待我审核, the report one click away.
        await using var reviewerContext = await world.NewContextAsync(1280);
        var reviewer = await reviewerContext.NewPageAsync();
        await reviewer.GotoAsync("reports");
        await SignInAsync(reviewer, FirstReviewer);
        var awaiting = reviewer.Locator("#awaiting");
        await awaiting.WaitForAsync();
        Assert.Contains("红寺堡", await awaiting.InnerTextAsync());
        await ShotAsync(reviewer, "reports-reviewer");
        await awaiting.Locator("a").First.ClickAsync();
        Assert.EndsWith(report + "/review", reviewer.Url);
        await ApproveAsync(reviewer, "review-signed-in");
        await ShotAsync(reviewer, "review-done");

        // The second reviewer opens the e-mailed link from the mailbox, without signing in.
        await using var secondContext = await world.NewContextAsync();
        var second = await secondContext.NewPageAsync();
        var mail = await WaitForMailAsync(second, SecondReviewer, "【待审核】");
        await ShotAsync(second, "dev-mailbox");
        await mail.FrameLocator("iframe").Locator("a", new FrameLocatorLocatorOptions { HasText = "打开审核页面" }).ClickAsync();
        await second.WaitForURLAsync(url => url.Contains("/review/", StringComparison.Ordinal));
        await ApproveAsync(second, "review-link");

        // The third signs in and approves from 待我审核.
        await using var thirdContext = await world.NewContextAsync(1280);
        var third = await thirdContext.NewPageAsync();
        await third.GotoAsync("sign-in");
        await SignInAsync(third, ThirdReviewer);
        var waiting = third.Locator("#awaiting a", new PageLocatorOptions { HasText = "红寺堡" });
        for (var attempt = 0; attempt < 60 && await waiting.CountAsync() == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await third.ReloadAsync();
        }
        await waiting.ClickAsync();
        await ApproveAsync(third, "review-third");

        // Published: the drafter's page says so, with each level's 审 and 校 and who; the dev portal has it.
        var stage = page.Locator("dl.facts dd").First;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            await page.GotoAsync(report);
            if ((await stage.InnerTextAsync()).Contains("已发布", StringComparison.Ordinal)) break;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Assert.Contains("已发布", await stage.InnerTextAsync());
        var trail = await page.Locator("section", new PageLocatorOptions { HasText = "三审三校" }).Locator("table").InnerTextAsync();
        foreach (var name in new[] { "初审", "一校", "复审", "二校", "终审", "三校" }) Assert.Contains(name, trail);
        await ShotAsync(page, "report-published");
        await page.GotoAsync("reports");
        await ShotAsync(page, "reports-published");
        await page.GotoAsync("dev/portal");
        await ShotAsync(page, "dev-portal");
        Assert.Empty(refused);

        // A drafter of another agency is refused the demo report.
        var other = Api.ApiDriver.NewAgencyId("other");
        await new Api.ApiDriver(world.Host).CreateAgencyAsync(Api.ApiDriver.Agency(other,
            Api.ApiDriver.Level("any", ("甲", $"a-{other}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("乙", $"b-{other}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("丙", $"c-{other}@example.gov.cn"))));
        var otherDrafter = (string)Api.ApiDriver.Agency(other)["drafter"]!["email"]!;
        await using var otherContext = await world.NewContextAsync();
        var stranger = await otherContext.NewPageAsync();
        await stranger.GotoAsync("sign-in");
        await SignInAsync(stranger, otherDrafter);
        var denied = await stranger.GotoAsync(report);
        Assert.Equal((int)HttpStatusCode.Forbidden, denied!.Status);
        await ShotAsync(stranger, "forbidden");
    }

    [Fact]
    public async Task The_administrator_and_the_office_see_their_pages_at_phone_and_desktop_width()
    {
        Directory.CreateDirectory(Shots);
        await using var context = await world.NewContextAsync();
        var admin = await context.NewPageAsync();
        await admin.GotoAsync("sign-in");
        await SignInAsync(admin, "admin@demo.example");
        await ShotAsync(admin, "reports-admin");
        await admin.Locator("main a", new PageLocatorOptions { HasText = "单位与审核链" }).ClickAsync();
        await ShotAsync(admin, "manage-agencies");
        await admin.GotoAsync($"manage/agencies/{DemoHostFixture.DemoAgency}");
        await ShotAsync(admin, "manage-agency");

        // People: a missing name is named, then the person is added, given a role and removed, all from the pages.
        await admin.GotoAsync("manage/people");
        await ShotAsync(admin, "manage-people");
        var email = $"new-{Guid.NewGuid():N}"[..12] + "@demo.example";
        await admin.Locator("#add input[name=email]").FillAsync(email);
        await admin.Locator("#add button[type=submit]").ClickAsync();
        Assert.Contains("姓名", await admin.Locator("[role=alert]").InnerTextAsync());
        await ShotAsync(admin, "manage-people-error");
        await admin.Locator("#add input[name=name]").FillAsync("孙新人");
        await admin.Locator($"#add input[name=reviewer][value='{DemoHostFixture.DemoAgency}']").CheckAsync();
        await admin.Locator("#add button[type=submit]").ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("saved=1", StringComparison.Ordinal));
        Assert.True(await admin.Locator($"input[name=reviewer][value='{DemoHostFixture.DemoAgency}']").IsCheckedAsync());
        await ShotAsync(admin, "manage-person");
        await admin.Locator("input[name=office]").CheckAsync();
        await admin.Locator("main form button.primary").ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("saved=1", StringComparison.Ordinal));
        Assert.True(await admin.Locator("input[name=office]").IsCheckedAsync());
        await admin.Locator("button[name=remove]").ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("removed=", StringComparison.Ordinal));
        Assert.Equal(0, await admin.Locator($"tr[data-person='{email}']").CountAsync());

        await admin.GotoAsync("overview");
        await ShotAsync(admin, "overview");

        await using var officeContext = await world.NewContextAsync();
        var office = await officeContext.NewPageAsync();
        await office.GotoAsync("sign-in");
        await SignInAsync(office, "zwgk@demo.example");
        Assert.Contains("所有单位", await office.Locator("main").InnerTextAsync());
        await ShotAsync(office, "reports-office");
        await office.Locator("header form button", new PageLocatorOptions { HasText = "退出" }).First.ClickAsync();
        await ShotAsync(office, "signed-out");
    }

    /// <summary>Ticks 审 and 校 on the review page (link or workspace) and approves; the confirmation shows.</summary>
    private static async Task ApproveAsync(IPage page, string shot)
    {
        await page.Locator("form button[value=approve]").WaitForAsync();
        await ShotAsync(page, shot);
        await page.Locator("input[name=reviewConfirmed]").CheckAsync();
        await page.Locator("input[name=proofreadConfirmed]").CheckAsync();
        await page.Locator("button[value=approve]").ClickAsync();
        await page.Locator("h1", new PageLocatorOptions { HasText = "已提交：审核通过" }).WaitForAsync();
    }

    /// <summary>The newest e-mail to <paramref name="to"/> whose subject starts with <paramref name="subject"/>, waited for in the mailbox page.</summary>
    private static async Task<ILocator> WaitForMailAsync(IPage page, string to, string subject)
    {
        var mails = page.Locator("article.mail", new PageLocatorOptions { HasText = to }).Filter(new LocatorFilterOptions { HasText = subject });
        await page.GotoAsync("dev/mailbox");
        for (var attempt = 0; attempt < 120 && await mails.CountAsync() == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await page.ReloadAsync();
        }
        Assert.True(await mails.CountAsync() > 0, $"no {subject} e-mail for {to} in the dev mailbox");
        return mails.First;
    }

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Asks for a sign-in link, opens it from the dev mailbox by clicking it there, and confirms. The link is taken from
    /// the first 【登录】 e-mail to <paramref name="email"/> that arrived after the request, never from other mail to the
    /// same person (the demo host also e-mails reminders and review notices to its people).
    /// </summary>
    private static async Task SignInAsync(IPage page, string email, bool shots = false)
    {
        var mailbox = await page.Context.NewPageAsync();
        await mailbox.GotoAsync("dev/mailbox");
        var signInMails = mailbox.Locator("article.mail", new PageLocatorOptions { HasText = email })
            .Filter(new LocatorFilterOptions { Has = mailbox.Locator("h2", new PageLocatorOptions { HasText = "【登录】" }) });
        var seen = (await signInMails.EvaluateAllAsync<string[]>("mails => mails.map(m => m.id)")).ToHashSet();
        if (!page.Url.Contains("/sign-in", StringComparison.Ordinal)) await page.GotoAsync("sign-in");
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.Locator("h1", new PageLocatorOptions { HasText = "请查收邮件" }).WaitForAsync();
        if (shots) await ShotAsync(page, "sign-in-sent");
        string? fresh = null;
        for (var attempt = 0; attempt < 120 && fresh is null; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            await mailbox.ReloadAsync();
            fresh = (await signInMails.EvaluateAllAsync<string[]>("mails => mails.map(m => m.id)")).FirstOrDefault(id => !seen.Contains(id));
        }
        Assert.True(fresh is not null, $"no new sign-in e-mail for {email} in the dev mailbox");
        await mailbox.Locator($"#{fresh} iframe").ContentFrame.Locator("a").First.ClickAsync();
        await mailbox.WaitForURLAsync(url => url.Contains("/sign-in/", StringComparison.Ordinal));
        if (shots) await ShotAsync(mailbox, "sign-in-link");
        await mailbox.Locator("main button[type=submit]").ClickAsync();
        try
        {
            await mailbox.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"confirming the sign-in link for {email} stayed on {mailbox.Url}: {await mailbox.Locator("main").InnerTextAsync()}");
        }
        await mailbox.CloseAsync();
        await page.GotoAsync(page.Url.Contains("/sign-in", StringComparison.Ordinal) ? "reports" : page.Url);
        await page.ReloadAsync();
    }

    /// <summary>
    /// The page at 375 px and at 1280 px. At 375 px nothing may be wider than the phone: wide tables scroll inside
    /// their own box, the page does not scroll sideways.
    /// </summary>
    private static async Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        var size = page.ViewportSize!;
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, width == 375 ? 812 : 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = fullPage });
            if (width == 375)
            {
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                    $"{name} ({page.Url}) is wider than 375 px");
            }
        }
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}

using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Review.Page;
using InfoDisclosure.Workflow.Web;

namespace InfoDisclosure.Workflow.Tests.ReviewLinks;

/// <summary>What the review page shows: the changes since the last round, the warnings, escaped text, the form.</summary>
public sealed class ReviewPageRenderingTests
{
    private static AnnualReport Seed() => ReportImporter.ImportText(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt")).Report;

    private static ReviewPageModel Model(AnnualReport report, ReportChanges? changes = null, IReadOnlyList<Finding>? findings = null) => new(
        report, 2, "复审·二校", 3, 2, "李科长", "li@example.gov.cn", 4, new string('a', 64),
        DateTimeOffset.Parse("2023-01-11T10:00:00+08:00"), DateTimeOffset.Parse("2023-01-31T23:59:59+08:00"),
        DateTimeOffset.Parse("2023-01-16T10:00:00+08:00"), findings ?? [], changes, "FORM-VALUE");

    private static Task<string> Render(ReviewPageModel model) =>
        PageRenderer.Standalone.RenderAsync<ReviewPage>(new Dictionary<string, object?> { [nameof(ReviewPage.Model)] = model });

    [Fact]
    public void Changes_name_the_figures_and_paragraphs_that_differ_and_nothing_else()
    {
        var before = Seed();
        var after = Seed();
        Assert.True(ReportChanges.Compare("上一轮", before, after).IsEmpty);

        after.ProactiveDisclosure!.AdministrativeLicensing = Cell.Of(12);
        after.Applications!.NewApplications.NaturalPerson = Cell.Blank;
        after.Overview.PlatformBuilding.Paragraphs[0] = "改写后的平台建设情况。";
        after.Opening.Paragraphs.Add("新增的一段。");
        before.OtherMatters.Parts.Add(new NarrativePart { Title = "其他", Paragraphs = ["删掉的一段。"] });

        var changes = ReportChanges.Compare("上一轮", before, after);

        Assert.Equal(
        [
            new CellChange("二.第二十条第（五）项.行政许可.本年处理决定数量", "0", "12"),
            new CellChange("三.一、本年新收政府信息公开申请数量.自然人", "0", ""),
        ], changes.Cells);
        Assert.Contains(changes.Paragraphs, p => p.Where.StartsWith("一、总体情况（四）", StringComparison.Ordinal) && p.New == "改写后的平台建设情况。" && p.Old is not null);
        Assert.Contains(changes.Paragraphs, p => p.Where.StartsWith("开头", StringComparison.Ordinal) && p.Old is null && p.New == "新增的一段。");
        Assert.Contains(changes.Paragraphs, p => p.Where.StartsWith("六、", StringComparison.Ordinal) && p.Old == "删掉的一段。" && p.New is null);
        Assert.Equal(3, changes.Paragraphs.Count);
    }

    [Fact]
    public async Task The_page_marks_changed_cells_and_paragraphs_in_the_rendered_report()
    {
        var before = Seed();
        var after = Seed();
        after.ProactiveDisclosure!.AdministrativeLicensing = Cell.Of(12);
        after.Overview.PlatformBuilding.Paragraphs[0] = "改写后的平台建设情况。";

        var html = await Render(Model(after, ReportChanges.Compare("第1轮送审版本（第2版）", before, after)));

        Assert.Contains("与第1轮送审版本（第2版）相比。", html);
        Assert.Contains("data-where=\"二.第二十条第（五）项.行政许可.本年处理决定数量\" class=\"changed\" title=\"原为：0\">12</td>", html);
        Assert.Contains("<mark class=\"changed\">改写后的平台建设情况。</mark></p>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<td[^>]*class=\"changed\""));
    }

    [Fact]
    public async Task Text_from_the_report_findings_and_the_posted_comment_is_escaped_and_the_page_has_no_script()
    {
        var report = Seed();
        report.Opening.Paragraphs.Add("<script>alert(1)</script>");
        var html = await Render(Model(report,
            findings: [new Finding(Rules.TextFigureMismatch, Severity.Warning, "一.<b>", "<img src=x onerror=alert(2)>")]) with
        {
            Error = "退回修改须填写意见",
            Posted = new ReviewForm("reject", true, false, "</textarea><script>alert(3)</script>"),
        });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;/textarea&gt;&lt;script&gt;alert(3)", html);
        Assert.Contains("name=\"reviewConfirmed\" value=\"on\" checked", html);
        Assert.DoesNotContain("name=\"proofreadConfirmed\" value=\"on\" checked", html);
        Assert.Contains("name=\"form\" value=\"FORM-VALUE\"", html);
        Assert.Contains("role=\"alert\">退回修改须填写意见", html);
        Assert.Contains("2023年1月11日 10:00（北京时间）", html);
        Assert.Contains("第2级（共3级） 复审·二校", System.Net.WebUtility.HtmlDecode(html));
    }
}

using InfoDisclosure.Reports.Comparison;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Comparison;

public class ReportComparisonTests
{
    private static AnnualReport Fixture(string name) => ReportImporter.ImportText(TestPaths.ReadFixture(name)).Report;

    private static ReportComparison Hongze() =>
        ReportComparison.Create(Fixture("2023_hongze_district_gov.txt"), Fixture("2024_hongze_district_gov.txt"));

    [Fact]
    public void Every_cell_of_both_years_is_listed_with_its_delta()
    {
        var comparison = Hongze();

        Assert.Equal(ReportCells.Enumerate(comparison.A).Select(c => c.Where), comparison.Cells.Select(c => c.Where));
        var licensing = comparison.Cells.Single(c => c.Where == "二.第二十条第（五）项.行政许可.本年处理决定数量");
        Assert.Equal((Cell.Of(550), Cell.Of(9487), 8937m, true), (licensing.A, licensing.B, licensing.Delta, licensing.Changed));
        var fees = comparison.Cells.Single(c => c.Where == "二.第二十条第（八）项.行政事业性收费.本年收费金额");
        Assert.Equal(-185.28m, fees.Delta);
        Assert.Equal("-185.28", ComparisonText.Delta(fees));
        var unchanged = comparison.Cells.Single(c => c.Where == "三.二、上年结转政府信息公开申请数量.自然人");
        Assert.Equal((0m, false), (unchanged.Delta, unchanged.Changed));
    }

    [Fact]
    public void Changed_paragraphs_are_listed_per_section_and_each_report_keeps_its_findings()
    {
        var comparison = Hongze();

        Assert.Contains(comparison.Paragraphs, p => p is { Where: "六", Kind: ParagraphChangeKind.Removed, Index: 1 } && p.Text.StartsWith("2023年，区政府"));
        Assert.Contains(comparison.Paragraphs, p => p is { Where: "六", Kind: ParagraphChangeKind.Added, Index: 1 } && p.Text.StartsWith("2024年，区政府"));
        Assert.Equal([Rules.T4Total, Rules.T4Total], comparison.FindingsA.Select(f => f.Rule));
        Assert.Equal([Rules.TextFigureMismatch], comparison.FindingsB.Select(f => f.Rule));
    }

    [Fact]
    public void B_is_checked_against_A_when_A_is_the_year_before()
    {
        var a = SampleReports.Valid(2023);
        var b = SampleReports.Valid(2024);
        b.Applications!.CarriedOverFromLastYear.NaturalPerson = Cell.Of(99);

        var comparison = ReportComparison.Create(a, b);

        Assert.Contains(comparison.FindingsB, f => f.Rule == Rules.YearCarryover && f.Severity == Severity.Error);
    }

    [Fact]
    public void A_report_compared_with_itself_has_no_change()
    {
        var report = Fixture("2024_huaian_city_gov.txt");
        var comparison = ReportComparison.Create(report, ReportJson.Clone(report));

        Assert.DoesNotContain(comparison.Cells, c => c.Changed);
        Assert.Empty(comparison.Paragraphs);
    }

    [Fact]
    public void The_page_escapes_the_reports_text_and_lists_both_sides()
    {
        var a = SampleReports.Valid(2023);
        a.AgencyName = "<script>alert(1)</script>某局";
        var b = SampleReports.Valid(2024);
        b.Overview.ProactiveDisclosure.Paragraphs = ["新增<b>段落</b>与 \"引号\"。"];

        var html = ComparisonHtml.Render(ReportComparison.Create(a, b));

        Assert.StartsWith("<!doctype html>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>段落", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;某局", html);
        Assert.Contains("新增&lt;b&gt;段落&lt;/b&gt;与 &quot;引号&quot;。", html);
        Assert.Contains("data-where=\"三.（七）总计.自然人\"", html);
        Assert.Contains("@media print", html);
    }
}

using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Rendering;

public class ReportCellsTests
{
    [Fact]
    public void A_2021_report_has_200_cells_each_with_a_distinct_place()
    {
        var cells = ReportCells.Enumerate(SampleReports.Huaian2024()).ToList();
        Assert.Equal(10 + 25 * 7 + 15, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Where).Distinct().Count());
    }

    [Theory]
    [InlineData("二.第二十条第（一）项.规章.本年制发件数", 1)]
    [InlineData("二.第二十条第（八）项.行政事业性收费.本年收费金额", 96171.6)]
    [InlineData("三.一、本年新收政府信息公开申请数量.总计", 3119)]
    [InlineData("三.（三）不予公开.8.属于行政查询事项.自然人", 105)]
    [InlineData("三.（六）其他处理.3.其他.总计", 110)]
    [InlineData("三.（七）总计.自然人", 2932)]
    [InlineData("四.行政复议.总计", 351)]
    [InlineData("四.行政诉讼.未经复议直接起诉.结果维持", 13)]
    [InlineData("四.行政诉讼.复议后起诉.尚未审结", 6)]
    public void Places_name_the_template_labels(string where, double value) =>
        Assert.Equal((decimal)value, ReportCells.Enumerate(SampleReports.Huaian2024()).Single(c => c.Where == where).Value.Value);

    [Fact]
    public void Single_row_other_processing_and_legacy_tables_are_named_by_what_is_printed()
    {
        var cells = ReportCells.Enumerate(SampleReports.Shanghai2019()).ToList();
        Assert.Contains(cells, c => c.Where == "三.（六）其他处理.自然人");
        Assert.DoesNotContain(cells, c => c.Where.StartsWith("三.（六）其他处理.3.其他", StringComparison.Ordinal));
        Assert.Equal("251000元", cells.Single(c => c.Where == "二.第二十条第（九）项.政府集中采购.采购总金额").Value.Text);
        Assert.Equal(13m, cells.Single(c => c.Where == "二.第二十条第（一）项.规章.本年新制作数量").Value.Value);
    }

    [Fact]
    public void A_cell_a_finding_names_is_a_cell_the_page_can_highlight()
    {
        var report = SampleReports.Huaian2024();
        report.ReviewAndLitigation!.LitigationAfterReconsideration.Total = Cell.Of(0);
        report.Applications!.Disclosed.ResearchInstitution = Cell.Parse("/");
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Of(-3);
        var findings = ReportValidator.Validate(report)
            .Where(f => f.Rule is Rules.T4Total or Rules.CellBlank or Rules.CellInvalid).ToList();
        Assert.Equal(3, findings.Count);

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(InfoDisclosure.Reports.Rendering.HtmlRenderer.RenderFragment(report));
        var places = ReportCells.Enumerate(report).Select(c => c.Where).ToHashSet();
        foreach (var finding in findings)
        {
            Assert.Contains(finding.Where, places);
            Assert.Single(document.QuerySelectorAll("td"), td => td.GetAttribute("data-where") == finding.Where);
        }
    }
}

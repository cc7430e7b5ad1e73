using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Admin;

namespace InfoDisclosure.Workflow.Tests.Admin;

/// <summary>The summary's sums against two published reports whose figures are printed in the fixtures.</summary>
public sealed class AdminSummaryTests
{
    private static (SummaryAgency, AnnualReport) Imported(string id, string fixture)
    {
        var report = ReportImporter.Import(TestPaths.ReadFixture(fixture)).Report;
        return (new SummaryAgency(id, report.AgencyName, "Published", 1), report);
    }

    [Fact]
    public void Sections_two_three_and_four_are_summed_cell_by_cell()
    {
        var (sum, cells, notes) = AdminSummary.Sum(2024, [Imported("hongze", "2024_hongze_district_gov.txt"), Imported("huaian", "2024_huaian_city_gov.txt")]);

        // 洪泽区 95 + 淮安市 3119 new applications; 自然人 95 + 3001.
        Assert.Equal(3214m, sum.Applications!.NewApplications.Total.Value);
        Assert.Equal(3096m, sum.Applications.NewApplications.NaturalPerson.Value);
        Assert.Equal(34m, sum.Applications.CarriedOverFromLastYear.Total.Value);
        Assert.Equal(95m + 3050m, sum.Applications.ResultsTotal.Total.Value);
        Assert.Equal(103m, sum.Applications.CarriedForwardToNextYear.Total.Value);
        // Section 二: 规章 现行有效 0 + 11, 行政许可 9487 + 447228, 行政事业性收费 7545 + 96171.6 (万元, decimals kept).
        Assert.Equal(11m, sum.ProactiveDisclosure!.Rules.InForce.Value);
        Assert.Equal(8m + 66m, sum.ProactiveDisclosure.NormativeDocuments.InForce.Value);
        Assert.Equal(456715m, sum.ProactiveDisclosure.AdministrativeLicensing.Value);
        Assert.Equal(103716.6m, sum.ProactiveDisclosure.AdministrativeFees.Value);
        // Section 四: 行政复议 总计 2 + 351, 复议后起诉 总计 3 + 20.
        Assert.Equal(353m, sum.ReviewAndLitigation!.AdministrativeReconsideration.Total.Value);
        Assert.Equal(23m, sum.ReviewAndLitigation.LitigationAfterReconsideration.Total.Value);
        // 洪泽区 prints （六）其他处理 as one row: its sub-items are missing there (and said so), every other cell is complete.
        Assert.All(cells.Where(c => !c.Where.StartsWith("三.（六）其他处理.", StringComparison.Ordinal)), c => Assert.Empty(c.MissingIn));
        Assert.All(cells.Where(c => c.Where.StartsWith("三.（六）其他处理.", StringComparison.Ordinal)), c => Assert.Equal(["hongze"], c.MissingIn));
        Assert.Contains(notes, n => n.Contains("只有一行") && n.Contains("hongze"));
        // The summed table keeps the format's own 勾稽: 一 + 二 = （七） + 四 per column.
        Assert.Equal(sum.Applications.NewApplications.Total.Value + sum.Applications.CarriedOverFromLastYear.Total.Value,
            sum.Applications.ResultsTotal.Total.Value + sum.Applications.CarriedForwardToNextYear.Total.Value);
    }

    [Fact]
    public void A_blank_or_text_cell_is_missing_not_zero_and_the_summary_says_where()
    {
        var hongze = Imported("hongze", "2024_hongze_district_gov.txt");
        var huaian = Imported("huaian", "2024_huaian_city_gov.txt");
        hongze.Item2.ProactiveDisclosure!.AdministrativeLicensing = Cell.Blank;
        huaian.Item2.Applications!.NewApplications.Other = Cell.Parse("/");

        var (sum, cells, notes) = AdminSummary.Sum(2024, [hongze, huaian]);

        Assert.Equal(447228m, sum.ProactiveDisclosure!.AdministrativeLicensing.Value);
        var licensing = Assert.Single(cells, c => c.Where == "二.第二十条第（五）项.行政许可.本年处理决定数量");
        Assert.Equal((447228m, 1), (licensing.Value, licensing.Reports));
        Assert.Equal(["hongze"], licensing.MissingIn);
        var other = Assert.Single(cells, c => c.Where == "三.一、本年新收政府信息公开申请数量.其他");
        Assert.Equal(["huaian"], other.MissingIn);
        Assert.Equal(0m, other.Value);
        Assert.Contains(notes, n => n.Contains("按缺失处理"));
    }

    [Fact]
    public void Nothing_to_sum_leaves_every_cell_blank()
    {
        var (sum, cells, _) = AdminSummary.Sum(2026, []);

        Assert.True(sum.Applications!.NewApplications.Total.IsBlank);
        Assert.All(cells, c => Assert.Equal(0, c.Reports));
    }
}

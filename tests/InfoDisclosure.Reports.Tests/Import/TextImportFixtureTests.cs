using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>The five published reports import completely, with the figures they print.</summary>
public class TextImportFixtureTests
{
    private static AnnualReport Import(string fixture)
    {
        var result = TextImporter.Import(TestPaths.ReadFixture(fixture));
        Assert.DoesNotContain(result.Findings, f => f.Rule == Rules.ImportUnreadable);
        return result.Report;
    }

    private static decimal?[] Figures(ApplicantCounts counts) => ApplicantCounts.Columns.Select(c => counts[c].Value).ToArray();

    private static decimal?[] Figures(OutcomeGroup g) => [g.Upheld.Value, g.Corrected.Value, g.OtherResult.Value, g.Pending.Value, g.Total.Value];

    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(TestPaths.FixtureReports, "*.txt").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_imports_without_unreadable_lines_and_with_every_table(string fixture)
    {
        var report = Import(fixture);

        Assert.NotNull(report.Applications);
        Assert.NotNull(report.ReviewAndLitigation);
        Assert.True(report.ProactiveDisclosure is not null || report.LegacyProactiveTables is { Count: > 0 });
        Assert.NotEmpty(report.AgencyName);
        Assert.InRange(report.Year, 2019, 2024);
        Assert.NotEmpty(report.Overview.Parts.SelectMany(p => p.Paragraphs));
        Assert.False(report.ProblemsAndImprovements.IsEmpty);
    }

    [Fact]
    public void Huaian_2024_reads_thousands_of_applications_and_the_numbered_other_processing_rows()
    {
        var report = Import("2024_huaian_city_gov.txt");
        var t = report.Applications!;

        Assert.Equal("淮安市人民政府", report.AgencyName);
        Assert.Equal(2024, report.Year);
        Assert.Equal([3001m, 53m, 0m, 0m, 61m, 4m, 3119m], Figures(t.NewApplications));
        Assert.Equal([2932m, 53m, 0m, 0m, 61m, 4m, 3050m], Figures(t.ResultsTotal));
        Assert.Equal([103m, 0m, 0m, 0m, 0m, 0m, 103m], Figures(t.CarriedForwardToNextYear));
        Assert.Null(t.OtherProcessing.SingleRow);
        Assert.Equal(71m, t.OtherProcessing.CorrectionOverdue!.Total.Value);
        Assert.Equal(6m, t.OtherProcessing.FeeUnpaid!.Total.Value);
        Assert.Equal([108m, 2m, 0m, 0m, 0m, 0m, 110m], Figures(t.OtherProcessing.Other!));
        Assert.Equal(31m, t.NotDisclosed.ProhibitedByLaw.Total.Value);
        Assert.Equal(769m, t.UnableToProvide.NotHeld.Total.Value);

        var p = report.ProactiveDisclosure!;
        Assert.Equal(96171.6m, p.AdministrativeFees.Value);
        Assert.Equal(3985758m, p.AdministrativePunishment.Value);
        Assert.Equal([8m, 26m, 66m], new[] { p.NormativeDocuments.Issued.Value, p.NormativeDocuments.Repealed.Value, p.NormativeDocuments.InForce.Value });

        var r = report.ReviewAndLitigation!;
        Assert.Equal([72m, 64m, 178m, 37m, 351m], Figures(r.AdministrativeReconsideration));
        Assert.Equal([13m, 4m, 8m, 1m, 26m], Figures(r.LitigationWithoutReconsideration));
        Assert.Equal([12m, 1m, 1m, 6m, 20m], Figures(r.LitigationAfterReconsideration));

        Assert.Equal(3940m, report.OtherMatters.ProcessingFeeYuan);
        Assert.Equal("0517-83605210", report.Opening.Contact.Phone);
        Assert.Equal("223001", report.Opening.Contact.Postcode);
        Assert.Equal("淮安市翔宇南道1号", report.Opening.Contact.Address);
        Assert.Equal("hazwgkc@163.com", report.Opening.Contact.Email);

        // Section 五 without numbering: first paragraph the problems, the second the improvements.
        Assert.StartsWith("对照上级新要求", Assert.Single(report.ProblemsAndImprovements.Problems.Paragraphs));
        Assert.StartsWith("针对存在问题", Assert.Single(report.ProblemsAndImprovements.Improvements.Paragraphs));
        Assert.Equal("", report.ProblemsAndImprovements.Problems.Title);
    }

    [Fact]
    public void Hongze_2023_reads_the_single_other_processing_row_the_typo_row_and_the_wrong_totals_as_printed()
    {
        var report = Import("2023_hongze_district_gov.txt");
        var t = report.Applications!;

        Assert.Equal("洪泽区人民政府", report.AgencyName);
        Assert.Equal(2023, report.Year);
        Assert.Equal(ReportFormats.Format2021, report.FormatVersion);
        Assert.NotNull(t.OtherProcessing.SingleRow);
        Assert.Null(t.OtherProcessing.CorrectionOverdue);
        Assert.Equal([0m, 0m, 0m, 0m, 0m, 0m, 0m], Figures(t.OtherProcessing.SingleRow!));
        Assert.Equal(23, ApplicationRows.Present(t).Count());
        // "2.其他法律行政止公开" sits between rows 1 and 3 of （三）, whose figures differ from it.
        Assert.Equal(1m, t.NotDisclosed.StateSecret.Total.Value);
        Assert.Equal(0m, t.NotDisclosed.ProhibitedByLaw.Total.Value);
        Assert.Equal(1m, t.NotDisclosed.ProcessInformation.Total.Value);
        Assert.Equal(10m, t.UnableToProvide.NotHeld.Total.Value);
        Assert.Equal(21m, t.ResultsTotal.Total.Value);

        Assert.Equal([10m, 1m, 0m, 0m, 0m], Figures(report.ReviewAndLitigation!.AdministrativeReconsideration));
        Assert.Equal([5m, 0m, 0m, 0m, 0m], Figures(report.ReviewAndLitigation.LitigationAfterReconsideration));

        Assert.Equal(7730.28m, report.ProactiveDisclosure!.AdministrativeFees.Value);
        Assert.Equal(0m, report.OtherMatters.ProcessingFeeYuan);
        Assert.Equal("0517-87222589", report.Opening.Contact.Phone);
        Assert.Null(report.Opening.Contact.Fax);

        // "（三）政府信息管理情况。" stands on a line of its own, its text on the next line.
        var management = report.Overview.InformationManagement;
        Assert.True(management.TitleOnOwnLine);
        Assert.Equal("政府信息管理情况。", management.Title);
        Assert.StartsWith("加强区政府门户网站", Assert.Single(management.Paragraphs));
        Assert.StartsWith("2023年，洪泽区人民政府坚持", Assert.Single(report.Overview.Introduction));
    }

    [Fact]
    public void Hongze_2024_reads_its_tables()
    {
        var report = Import("2024_hongze_district_gov.txt");

        Assert.Equal("淮安市洪泽区人民政府", report.AgencyName);
        Assert.Equal(95m, report.Applications!.NewApplications.Total.Value);
        Assert.Equal(31m, report.Applications.UnableToProvide.NotHeld.NaturalPerson.Value);
        Assert.Equal([1m, 1m, 0m, 0m, 2m], Figures(report.ReviewAndLitigation!.AdministrativeReconsideration));
        Assert.Equal([2m, 0m, 1m, 0m, 3m], Figures(report.ReviewAndLitigation.LitigationAfterReconsideration));
        Assert.Equal(9487m, report.ProactiveDisclosure!.AdministrativeLicensing.Value);
        Assert.Equal(2, report.ProblemsAndImprovements.Problems.Paragraphs.Count + report.ProblemsAndImprovements.Improvements.Paragraphs.Count);
    }

    [Fact]
    public void Hongsibu_2022_reads_contact_details_bold_text_and_the_misplaced_other_row()
    {
        var report = Import("2022_hongsibu_approval_bureau.txt");

        Assert.Equal("红寺堡区审批服务管理局", report.AgencyName);
        Assert.Equal(2022, report.Year);
        var contact = report.Opening.Contact;
        Assert.Equal("0953-6321032", contact.Phone);
        Assert.Equal("0953-5089767", contact.Fax);
        Assert.Equal("hsbspfwglj@163.com", contact.Email);
        Assert.Equal("751999", contact.Postcode);
        Assert.Equal("www.hongsibu.gov.cn", contact.PortalUrl);
        Assert.Equal("吴忠市红寺堡区政务服务中心", contact.Address);
        // The paragraph is kept as text too.
        Assert.Contains("电话：0953-6321032", Assert.Single(report.Opening.Paragraphs));

        var t = report.Applications!;
        Assert.Null(t.OtherProcessing.SingleRow);
        Assert.NotNull(t.OtherProcessing.Other);
        Assert.Equal(25, ApplicationRows.Present(t).Count());
        Assert.All(ApplicationRows.Present(t), p => Assert.All(Figures(p.Counts), v => Assert.Equal(0m, v)));

        // Rows padded with empty cells in section 二 ("行政许可\t0\t\t").
        Assert.Equal(0m, report.ProactiveDisclosure!.AdministrativeLicensing.Value);
        Assert.Equal(0m, report.ProactiveDisclosure.AdministrativeFees.Value);

        var section5 = report.ProblemsAndImprovements;
        Assert.Equal("存在主要问题及改进情况", section5.Heading);
        Assert.Equal("存在问题", section5.Problems.Title);
        Assert.Contains("**一是**发布信息多为转载", Assert.Single(section5.Problems.Paragraphs));
        // A blank line splits the improvements mid-sentence: two paragraphs, as printed.
        Assert.Equal(2, section5.Improvements.Paragraphs.Count);
        Assert.StartsWith("运行，针对我单位", section5.Improvements.Paragraphs[1]);

        Assert.Equal("监督保障工作情况", report.Overview.SupervisionAndSafeguards.Title);
        Assert.Equal(2, report.OtherMatters.Parts.Count);
        Assert.Equal("信息处理费收取情况", report.OtherMatters.Parts[1].Title);
        Assert.Equal(0m, report.OtherMatters.ProcessingFeeYuan);
    }

    [Fact]
    public void Shanghai_2019_is_recognised_as_the_trial_format_with_blank_cells_and_text_kept()
    {
        var report = Import("2019_shanghai_gov_office_OLD_FORMAT.txt");

        Assert.Equal(ReportFormats.Format2019, report.FormatVersion);
        Assert.Equal("上海市人民政府办公厅", report.AgencyName);
        Assert.Equal(2019, report.Year);
        Assert.Equal("2020-01-31", report.PublicationDate);
        Assert.Equal("www.shanghai.gov.cn", report.Opening.Contact.PortalUrl);

        Assert.Null(report.ProactiveDisclosure);
        var tables = report.LegacyProactiveTables!;
        Assert.Equal(5, tables.Count);
        Assert.Equal("第二十条第（九）项", tables[4].Caption);
        Assert.Equal(["信息内容", "采购项目数量", "采购总金额"], tables[4].Header);
        var purchase = Assert.Single(tables[4].Rows);
        Assert.Equal("政府集中采购", purchase.Label);
        Assert.Equal(6m, purchase.Cells[0].Value);
        Assert.Equal("251000元", purchase.Cells[1].Text);
        Assert.Equal(["规章", "规范性文件"], tables[0].Rows.Select(r => r.Label));
        Assert.Equal([13m, 13m, 524m], tables[0].Rows[0].Cells.Select(c => c.Value));

        var t = report.Applications!;
        Assert.Equal([821m, 35m, null, null, 2m, 1m, 859m], Figures(t.NewApplications));
        Assert.Equal([258m, 12m, null, null, 1m, 1m, null], Figures(t.Disclosed));
        Assert.Equal([18m, null, null, null, null, null, 18m], Figures(t.CarriedOverFromLastYear));
        Assert.True(t.NotDisclosed.ProhibitedByLaw.Total.IsBlank);
        Assert.All(Figures(t.OtherProcessing.SingleRow!), Assert.Null);
        Assert.Equal([767m, 35m, null, null, 2m, 1m, 805m], Figures(t.ResultsTotal));

        var r = report.ReviewAndLitigation!;
        Assert.Equal([5m, null, null, 2m, 7m], Figures(r.AdministrativeReconsideration));
        Assert.Equal([8m, null, null, 1m, 9m], Figures(r.LitigationWithoutReconsideration));
        Assert.All(Figures(r.LitigationAfterReconsideration), Assert.Null);

        Assert.Equal("政府信息公开工作存在的主要问题及改进情况", report.ProblemsAndImprovements.Heading);
        Assert.Equal("主要问题", report.ProblemsAndImprovements.Problems.Title);
        Assert.True(report.ProblemsAndImprovements.Problems.TitleOnOwnLine);
        Assert.Equal(5, report.Overview.ProactiveDisclosure.Paragraphs.Count);
        Assert.Equal(["无。"], report.OtherMatters.Introduction);
        Assert.Null(report.OtherMatters.ProcessingFeeYuan);
    }
}

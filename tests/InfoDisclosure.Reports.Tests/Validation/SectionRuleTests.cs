using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using static InfoDisclosure.Reports.Tests.Validation.TableRuleTests;

namespace InfoDisclosure.Reports.Tests.Validation;

public class SectionRuleTests
{
    [Fact]
    public void Missing_section_two_table_is_an_error()
    {
        var report = SampleReports.Valid();
        report.ProactiveDisclosure = null;
        Assert.Equal([(Rules.SectionMissing, Severity.Error, "二")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void Missing_section_three_table_is_one_error_and_nothing_else()
    {
        var report = SampleReports.Valid();
        report.Applications = null;
        Assert.Equal([(Rules.SectionMissing, Severity.Error, "三")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void Missing_section_four_table_is_one_error_and_nothing_else()
    {
        var report = SampleReports.Valid();
        report.ReviewAndLitigation = null;
        Assert.Equal([(Rules.SectionMissing, Severity.Error, "四")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void A_missing_row_of_other_processing_is_an_error()
    {
        var report = SampleReports.Valid();
        var table = report.Applications!;
        var other = table.OtherProcessing.Other!;
        table.OtherProcessing.Other = null;
        // Keep the column sums right so that only the missing row is reported.
        foreach (var column in ApplicantCounts.Columns)
        {
            table.ResultsTotal[column] = Cell.Of(table.ResultsTotal[column].Number - other[column].Number);
            table.NewApplications[column] = Cell.Of(table.NewApplications[column].Number - other[column].Number);
        }
        report.Overview.DisclosureOnRequest.Paragraphs = ["依申请公开工作规范有序。"];

        Assert.Equal([(Rules.SectionMissing, Severity.Error, "三.（六）其他处理.3.其他")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void An_empty_section_five_is_an_error()
    {
        var report = SampleReports.Valid();
        report.ProblemsAndImprovements = new ProblemsAndImprovements();
        Assert.Equal(
            [new Finding(Rules.SectionMissing, Severity.Error, "五", "第五部分“存在的主要问题及改进情况”没有内容")],
            ReportValidator.Validate(report));
    }

    [Fact]
    public void An_empty_section_six_is_a_warning()
    {
        var report = SampleReports.Valid();
        report.OtherMatters = new OtherMatters();
        Assert.Equal([(Rules.SectionMissing, Severity.Warning, "六")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void Section_six_saying_nothing_else_is_enough()
    {
        var report = SampleReports.Valid();
        report.OtherMatters = new OtherMatters { Introduction = ["无。"] };
        Assert.Empty(ReportValidator.Validate(report));
    }

    [Fact]
    public void An_overview_without_any_text_is_one_error()
    {
        var report = SampleReports.Valid();
        report.Overview = new Overview();
        Assert.Equal([(Rules.SectionMissing, Severity.Error, "一")], Keys(ReportValidator.Validate(report)));
    }

    [Fact]
    public void An_empty_part_of_the_overview_is_a_warning_naming_the_part()
    {
        var report = SampleReports.Valid();
        report.Overview.PlatformBuilding.Paragraphs.Clear();
        Assert.Equal(
            [new Finding(Rules.SectionMissing, Severity.Warning, "一.（四）政府信息公开平台建设情况", "“总体情况”的第4部分“政府信息公开平台建设情况”没有内容")],
            ReportValidator.Validate(report));
    }

    [Fact]
    public void A_title_without_agency_or_year_is_an_error()
    {
        var report = SampleReports.Valid();
        report.AgencyName = " ";
        report.Year = 0;
        Assert.Equal(
            [(Rules.SectionMissing, Severity.Error, "标题"), (Rules.SectionMissing, Severity.Error, "标题")],
            Keys(ReportValidator.Validate(report)));
    }
}

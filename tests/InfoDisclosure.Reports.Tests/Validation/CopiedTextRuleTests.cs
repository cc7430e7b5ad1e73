using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Validation;

public class CopiedTextRuleTests
{
    private static AnnualReport Fixture(string name) => ReportImporter.ImportText(TestPaths.ReadFixture(name)).Report;

    private static List<Finding> Copied(IEnumerable<Finding> findings) => findings.Where(f => f.Rule == Rules.TextCopied).ToList();

    [Fact]
    public void Last_years_narrative_with_the_figures_changed_is_TEXT_COPIED_in_every_long_section()
    {
        var lastYear = Fixture("2024_huaian_city_gov.txt");
        var copied = CopiedText.NextYear(lastYear);

        var findings = Copied(ReportValidator.Validate(copied, lastYear));

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Contains(findings, f => f.Where == "一.（一）主动公开情况");
        Assert.All(findings, f => Assert.Matches(@"^本部分文字与2024年度报告基本相同（第1段.*相似度为(9\d(\.\d)?|100)%）", f.Message));
        Assert.True(CopiedTextRule.Analyse(copied, lastYear).CopiedShare > 0.9);
    }

    [Fact]
    public void The_real_hongze_2023_and_2024_reports_are_not_copied_text()
    {
        var findings = ReportValidator.Validate(Fixture("2024_hongze_district_gov.txt"), Fixture("2023_hongze_district_gov.txt"));
        Assert.Empty(Copied(findings));
    }

    [Theory]
    [InlineData("2022_hongsibu_approval_bureau.txt")]
    [InlineData("2023_hongze_district_gov.txt")]
    [InlineData("2024_hongze_district_gov.txt")]
    [InlineData("2024_huaian_city_gov.txt")]
    public void No_fixture_is_copied_from_another_fixture_taken_as_the_year_before(string name)
    {
        var report = Fixture(name);
        foreach (var other in new[] { "2022_hongsibu_approval_bureau.txt", "2023_hongze_district_gov.txt", "2024_hongze_district_gov.txt", "2024_huaian_city_gov.txt" }.Where(o => o != name))
        {
            var previous = Fixture(other);
            previous.Year = report.Year - 1;
            Assert.Empty(Copied(ReportValidator.Validate(report, previous)));
        }
    }

    [Fact]
    public void One_paragraph_repeated_unchanged_in_a_rewritten_section_is_named_alone()
    {
        const string repeated = "本机关持续完善政府信息公开工作机制，明确分管领导和工作人员职责，建立健全信息发布协调、保密审查和依申请公开答复等工作制度，确保各项工作规范有序。";
        var lastYear = SampleReports.Valid(2023);
        lastYear.Overview.InformationManagement.Paragraphs = ["去年的政府信息管理工作以清理历史文件为主，全年共清理规范性文件十余件，并对网站栏目进行了调整和合并。", repeated];
        var report = SampleReports.Valid(2024);
        report.Overview.InformationManagement.Paragraphs = ["今年重点推进政务公开标准化规范化建设，编制了本机关主动公开事项清单，并组织两次全员培训，提高了答复质量。", repeated];

        var finding = Assert.Single(Copied(ReportValidator.Validate(report, lastYear)));

        Assert.Equal("一.（三）政府信息管理情况", finding.Where);
        Assert.StartsWith("第2段与2023年度报告中的段落完全相同，与2023年度报告同一部分的文字相似度为", finding.Message);
    }

    [Fact]
    public void A_short_stock_sentence_the_same_every_year_is_not_reported()
    {
        var lastYear = SampleReports.Valid(2023);
        var report = SampleReports.Valid(2024);
        lastYear.OtherMatters.Parts = [SampleReports.Part("", "本年度本机关未收取政府信息公开信息处理费。")];
        report.OtherMatters.Parts = [SampleReports.Part("", "本年度本机关未收取政府信息公开信息处理费。")];

        Assert.Empty(Copied(ReportValidator.Validate(report, lastYear)));
    }

    [Fact]
    public void Paragraphs_still_marked_for_revising_are_left_to_TEXT_UNREVISED()
    {
        var lastYear = Fixture("2024_huaian_city_gov.txt");
        var draft = NewReport.Create(lastYear.AgencyName, 2025, lastYear);

        var findings = ReportValidator.Validate(draft, lastYear);

        Assert.Contains(findings, f => f.Rule == Rules.TextUnrevised);
        Assert.Empty(Copied(findings));
    }

    [Fact]
    public void Without_last_years_report_or_with_one_of_another_year_nothing_is_compared()
    {
        var lastYear = Fixture("2024_huaian_city_gov.txt");
        var copied = CopiedText.NextYear(lastYear);
        Assert.Empty(Copied(ReportValidator.Validate(copied)));
        lastYear.Year = 2022;
        Assert.Empty(Copied(ReportValidator.Validate(copied, lastYear)));
    }
}

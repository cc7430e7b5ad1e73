using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Validation;

/// <summary>A complete, consistent 2021-format report built in code: every rule holds, so a test can break one.</summary>
public static class SampleReports
{
    public static AnnualReport Valid(int year = 2024)
    {
        var table = new ApplicationTable();
        var results = ApplicationRows.All.Where(r => r.IsResultItem && r != ApplicationRows.OtherProcessingSingleRow).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            // Varied but simple figures: every natural-person cell non-zero, some companies, one law firm.
            results[i].Set(table, Counts(natural: i + 1, commercial: i % 3 == 0 ? 1 : 0, legal: i == 4 ? 2 : 0));
        }
        table.CarriedOverFromLastYear = Counts(natural: 2, commercial: 1);
        table.CarriedForwardToNextYear = Counts(natural: 3, commercial: 0, legal: 1);
        table.ResultsTotal = Sum(results.Select(r => r.Get(table)!));
        table.NewApplications = Sum([table.ResultsTotal, table.CarriedForwardToNextYear], minus: table.CarriedOverFromLastYear);

        var received = table.NewApplications.Total;
        return new AnnualReport
        {
            AgencyName = "某市某局",
            Year = year,
            Opening = new Opening
            {
                Paragraphs = [$"本报告由某市某局根据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与某市某局办公室联系（地址：某市某路1号，邮编：100000，电话：010-12345678）。"],
                Contact = new Contact { Address = "某市某路1号", Postcode = "100000", Phone = "010-12345678" },
            },
            Overview = new Overview
            {
                Introduction = [$"{year}年，某局认真贯彻落实《条例》。"],
                ProactiveDisclosure = Part("主动公开情况", $"{year}年主动公开政府信息120条。"),
                DisclosureOnRequest = Part("依申请公开情况",
                    $"{year}年，本局共受理政府信息公开申请{received}件，均在法定期限内答复。涉及政府信息公开的行政复议11件，行政诉讼5件。"),
                InformationManagement = Part("政府信息管理情况", "严格执行“三审三校”制度。"),
                PlatformBuilding = Part("政府信息公开平台建设情况", "优化政府网站栏目。"),
                SupervisionAndSafeguards = Part("政府信息公开监督保障情况", "开展培训2次。"),
            },
            ProactiveDisclosure = new ProactiveDisclosure
            {
                Rules = new DocumentCounts { Issued = Cell.Of(0), Repealed = Cell.Of(0), InForce = Cell.Of(3) },
                NormativeDocuments = new DocumentCounts { Issued = Cell.Of(5), Repealed = Cell.Of(2), InForce = Cell.Of(40) },
                AdministrativeLicensing = Cell.Of(120),
                AdministrativePunishment = Cell.Of(30),
                AdministrativeCoercion = Cell.Of(2),
                AdministrativeFees = Cell.Of(12.5m),
            },
            Applications = table,
            ReviewAndLitigation = new ReviewAndLitigation
            {
                AdministrativeReconsideration = Outcome(10, 1, 0, 0),
                LitigationWithoutReconsideration = Outcome(2, 0, 1, 0),
                LitigationAfterReconsideration = Outcome(1, 0, 0, 1),
            },
            ProblemsAndImprovements = new ProblemsAndImprovements
            {
                Problems = Part("存在问题", "政策解读形式还不够丰富。"),
                Improvements = Part("改进情况", "下一步将丰富解读形式。"),
            },
            OtherMatters = new OtherMatters
            {
                Introduction = [$"{year}年，全年收取政府信息公开信息处理费0元。"],
                ProcessingFeeYuan = 0,
            },
        };
    }

    /// <summary>Last year's report whose 四 and 现行有效件数 agree with <see cref="Valid"/>'s 二 and section 二.</summary>
    public static AnnualReport PreviousOf(AnnualReport report)
    {
        var previous = Valid(report.Year - 1);
        previous.Applications!.CarriedForwardToNextYear = Copy(report.Applications!.CarriedOverFromLastYear);
        var now = report.ProactiveDisclosure!;
        previous.ProactiveDisclosure!.Rules.InForce = Cell.Of(now.Rules.InForce.Number - now.Rules.Issued.Number + now.Rules.Repealed.Number);
        previous.ProactiveDisclosure.NormativeDocuments.InForce = Cell.Of(
            now.NormativeDocuments.InForce.Number - now.NormativeDocuments.Issued.Number + now.NormativeDocuments.Repealed.Number);
        return previous;
    }

    public static ApplicantCounts Counts(int natural, int commercial = 0, int legal = 0) => new()
    {
        NaturalPerson = Cell.Of(natural),
        CommercialEnterprise = Cell.Of(commercial),
        ResearchInstitution = Cell.Of(0),
        PublicWelfareOrganization = Cell.Of(0),
        LegalServiceAgency = Cell.Of(legal),
        Other = Cell.Of(0),
        Total = Cell.Of(natural + commercial + legal),
    };

    public static NarrativePart Part(string title, params string[] paragraphs) => new() { Title = title, Paragraphs = [.. paragraphs] };

    private static ApplicantCounts Copy(ApplicantCounts counts)
    {
        var copy = new ApplicantCounts();
        foreach (var column in ApplicantCounts.Columns) copy[column] = counts[column];
        return copy;
    }

    private static ApplicantCounts Sum(IEnumerable<ApplicantCounts> rows, ApplicantCounts? minus = null)
    {
        var list = rows.ToList();
        var sum = new ApplicantCounts();
        foreach (var column in ApplicantCounts.Columns)
        {
            sum[column] = Cell.Of(list.Sum(r => r[column].Number) - (minus?[column].Number ?? 0));
        }
        return sum;
    }

    private static OutcomeGroup Outcome(int upheld, int corrected, int other, int pending) => new()
    {
        Upheld = Cell.Of(upheld),
        Corrected = Cell.Of(corrected),
        OtherResult = Cell.Of(other),
        Pending = Cell.Of(pending),
        Total = Cell.Of(upheld + corrected + other + pending),
    };
}

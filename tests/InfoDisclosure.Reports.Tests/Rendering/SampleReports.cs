using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>Hand-built reports with the tables of published fixtures, for rendering tests that must not depend on import.</summary>
public static class SampleReports
{
    /// <summary>The tables of 2024_huaian_city_gov.txt, in template row order, 7 columns each.</summary>
    private static readonly decimal[][] Huaian2024Section3 =
    [
        [3001, 53, 0, 0, 61, 4, 3119],
        [34, 0, 0, 0, 0, 0, 34],
        [1288, 21, 0, 0, 50, 3, 1362],
        [447, 7, 0, 0, 0, 0, 454],
        [2, 0, 0, 0, 0, 0, 2],
        [30, 1, 0, 0, 0, 0, 31],
        [5, 0, 0, 0, 0, 0, 5],
        [6, 0, 0, 0, 0, 0, 6],
        [7, 1, 0, 0, 0, 0, 8],
        [12, 0, 0, 0, 0, 0, 12],
        [9, 0, 0, 0, 0, 0, 9],
        [105, 0, 0, 0, 0, 0, 105],
        [746, 12, 0, 0, 10, 1, 769],
        [11, 0, 0, 0, 0, 0, 11],
        [1, 0, 0, 0, 0, 0, 1],
        [56, 6, 0, 0, 0, 0, 62],
        [25, 0, 0, 0, 0, 0, 25],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [67, 3, 0, 0, 1, 0, 71],
        [6, 0, 0, 0, 0, 0, 6],
        [108, 2, 0, 0, 0, 0, 110],
        [2932, 53, 0, 0, 61, 4, 3050],
        [103, 0, 0, 0, 0, 0, 103],
    ];

    public static AnnualReport Huaian2024()
    {
        var report = new AnnualReport
        {
            AgencyName = "淮安市人民政府",
            Year = 2024,
            Opening =
            {
                Paragraphs = ["本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）规定编制。如对本报告有疑问，请与淮安市人民政府办公室联系（地址：淮安市翔宇南道1号，邮编：223001，电话：0517-83605210，电子邮箱：hazwgkc@163.com）。"],
                Contact = { Address = "淮安市翔宇南道1号", Postcode = "223001", Phone = "0517-83605210", Email = "hazwgkc@163.com" },
            },
            ProactiveDisclosure = new()
            {
                Rules = new() { Issued = Cell.Of(1), Repealed = Cell.Of(0), InForce = Cell.Of(11) },
                NormativeDocuments = new() { Issued = Cell.Of(8), Repealed = Cell.Of(26), InForce = Cell.Of(66) },
                AdministrativeLicensing = Cell.Of(447228),
                AdministrativePunishment = Cell.Of(3985758),
                AdministrativeCoercion = Cell.Of(88283),
                AdministrativeFees = Cell.Of(96171.6m),
            },
            Applications = new(),
            ReviewAndLitigation = new()
            {
                AdministrativeReconsideration = Group(72, 64, 178, 37, 351),
                LitigationWithoutReconsideration = Group(13, 4, 8, 1, 26),
                LitigationAfterReconsideration = Group(12, 1, 1, 6, 20),
            },
        };
        report.Overview.Introduction.Add("2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，圆满完成了各项任务。");
        report.Overview.ProactiveDisclosure.Paragraphs.Add("2024年，市政府网站主动公开各类政府信息5500余条。");
        report.Overview.DisclosureOnRequest.Paragraphs.Add("2024年，全市共受理政府信息公开申请3119件，答复3050件。");
        report.Overview.InformationManagement.Paragraphs.Add("坚持“先审查、后公开”“一事一审”工作原则。");
        report.Overview.PlatformBuilding.Paragraphs.Add("进一步优化政务公开专栏设置。");
        report.Overview.SupervisionAndSafeguards.Paragraphs.Add("全年组织4次政府信息公开栏目全覆盖检查。");
        report.ProblemsAndImprovements.Problems.Paragraphs.Add("对照上级新要求和公众新期待，还有一些需要加强和改进的地方。");
        report.ProblemsAndImprovements.Improvements.Paragraphs.Add("针对存在问题，下一步，我市将着力加强政策解读质效。");
        report.OtherMatters.Introduction.Add("2024年，市政府全年收取政府信息公开信息处理费3940元。");
        report.OtherMatters.ProcessingFeeYuan = 3940;

        var rows = ApplicationRows.All.Where(r => r != ApplicationRows.OtherProcessingSingleRow).ToList();
        for (var i = 0; i < rows.Count; i++) rows[i].Set(report.Applications, Counts(Huaian2024Section3[i]));
        return report;
    }

    /// <summary>A report whose （六）其他处理 is one row, with a blank and a "/" cell.</summary>
    public static AnnualReport WithSingleRowOtherProcessing()
    {
        var report = Huaian2024();
        var applications = report.Applications!;
        applications.OtherProcessing = OtherProcessingCounts.AsSingleRow(Counts([181, 5, 0, 0, 1, 0, 187]));
        applications.Disclosed.ResearchInstitution = Cell.Blank;
        applications.Disclosed.PublicWelfareOrganization = Cell.Parse("/");
        return report;
    }

    /// <summary>Section 二 of the 2019 trial format, as 2019_shanghai_gov_office_OLD_FORMAT.txt prints it.</summary>
    public static AnnualReport Shanghai2019()
    {
        var report = Huaian2024();
        report.FormatVersion = ReportFormats.Format2019;
        report.AgencyName = "上海市人民政府办公厅";
        report.Year = 2019;
        report.PublicationDate = "2020-01-31";
        report.ProactiveDisclosure = null;
        report.LegacyProactiveTables =
        [
            Legacy("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ("规章", ["13", "13", "524"]), ("规范性文件", ["60", "60", "368"])),
            Legacy("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ("行政许可", ["0", "0", "0"]), ("其他对外管理服务事项", ["0", "0", "0"])),
            Legacy("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], ("行政处罚", ["0", "0", "0"]), ("行政强制", ["0", "0", "0"])),
            Legacy("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], ("行政事业性收费", ["0", "0"])),
            Legacy("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], ("政府集中采购", ["6", "251000元"])),
        ];
        report.Applications!.OtherProcessing = OtherProcessingCounts.AsSingleRow(new ApplicantCounts());
        return report;
    }

    public static ApplicantCounts Counts(decimal[] values)
    {
        var counts = new ApplicantCounts();
        for (var i = 0; i < values.Length; i++) counts[ApplicantCounts.Columns[i]] = Cell.Of(values[i]);
        return counts;
    }

    private static OutcomeGroup Group(decimal upheld, decimal corrected, decimal other, decimal pending, decimal total) => new()
    {
        Upheld = Cell.Of(upheld),
        Corrected = Cell.Of(corrected),
        OtherResult = Cell.Of(other),
        Pending = Cell.Of(pending),
        Total = Cell.Of(total),
    };

    private static SimpleTable Legacy(string caption, List<string> header, params (string Label, string[] Cells)[] rows) => new()
    {
        Caption = caption,
        Header = header,
        Rows = rows.Select(r => new SimpleRow { Label = r.Label, Cells = r.Cells.Select(Cell.Parse).ToList() }).ToList(),
    };
}

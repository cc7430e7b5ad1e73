using FsCheck;
using FsCheck.Fluent;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Generators;

/// <summary>
/// Generated 2021-format reports that stay inside what the published layouts (text and HTML) can express:
/// paragraphs are single lines that do not start with a section or part marker; cells are blank,
/// non-negative integers (decimal amounts for fees) or text such as "/"; contact details and the
/// 信息处理费 are stated in the text they are read from.
/// </summary>
public static class ReportGenerators
{
    private static readonly string[] Agencies =
    [
        "红寺堡区审批服务管理局", "淮安市洪泽区人民政府", "淮安市人民政府", "上海市人民政府办公厅",
        "某市自然资源和规划局", "某县教育体育局", "某区人民政府办公室", "某市市场监督管理局",
    ];

    // Word pool for narrative text: no markers, no contact keywords, no 信息处理费, no line breaks.
    private static readonly string[] Words =
    [
        "政务公开", "政府信息", "依申请公开", "平台建设", "监督保障", "我局", "全年", "进一步", "规范", "完善",
        "加强", "工作机制", "主动公开", "发布", "解读", "“三审三校”", "《条例》", "政务新媒体", "门户网站",
        "LED 显示屏", "**一是**", "**二是**", "办理", "答复", "按时", "有序", "推进", "群众", "企业", "落实",
    ];

    private static readonly string[] Starters = ["全年", "我局", "本年度", "加强", "围绕", "针对存在问题，", "进一步"];

    private static readonly string[] PunctuationMarks = ["，", "、", "；", "。", ""];

    public static Gen<string> Paragraph { get; } =
        from starter in Gen.Elements(Starters)
        from year in Gen.Choose(2019, 2030)
        from withYear in Gen.Elements(true, false)
        from count in Gen.Choose(1, 12)
        from words in Gen.ListOf(Gen.Elements(Words), count)
        from marks in Gen.ListOf(Gen.Elements(PunctuationMarks), count)
        from figure in Gen.Choose(0, 5000)
        select starter + (withYear ? $"{year}年" : "")
            + string.Concat(words.Zip(marks, (w, m) => w + m))
            + $"{figure}件。";

    private static Gen<List<string>> Paragraphs(int min, int max) =>
        from n in Gen.Choose(min, max)
        from list in Gen.ListOf(Paragraph, n)
        select list.ToList();

    /// <summary>A numbered part: inline titles never contain "。"; a title on its own line has paragraphs under it.</summary>
    private static Gen<NarrativePart> Part(string[] titles) =>
        from title in Gen.Elements(titles)
        from ownLine in Gen.Elements(true, false)
        from fullStop in Gen.Elements(true, false)
        from paragraphs in Paragraphs(0, 3)
        let onOwnLine = ownLine && paragraphs.Count > 0
        select new NarrativePart
        {
            Title = (onOwnLine || paragraphs.Count == 0) && fullStop ? title + "。" : title,
            TitleOnOwnLine = onOwnLine,
            Paragraphs = paragraphs,
        };

    private static Gen<NarrativePart> OptionalPart(string[] titles) =>
        Gen.Frequency((9, Part(titles)), (1, Gen.Constant(new NarrativePart())));

    /// <summary>Blank, a count (often 0), or a text such as "/".</summary>
    public static Gen<Cell> CountCell { get; } = Gen.Frequency(
        (4, Gen.Constant(Cell.Of(0))),
        (6, Gen.Choose(0, 100000).Select(v => Cell.Of(v))),
        (1, Gen.Constant(Cell.Blank)),
        (1, Gen.Elements("/", "—").Select(Cell.Parse)));

    /// <summary>An amount in 万元 with up to two decimals, or blank.</summary>
    public static Gen<Cell> AmountCell { get; } = Gen.Frequency(
        (8, from whole in Gen.Choose(0, 1000000) from cents in Gen.Choose(0, 99) from scale in Gen.Choose(0, 2)
            select Cell.Of(scale switch { 0 => whole, 1 => whole + cents % 10 / 10m, _ => whole + cents / 100m })),
        (1, Gen.Constant(Cell.Blank)),
        (1, Gen.Constant(Cell.Parse("/"))));

    public static Gen<ApplicantCounts> ApplicantCountsGen { get; } =
        from cells in Gen.ListOf(CountCell, 7)
        select new ApplicantCounts
        {
            NaturalPerson = cells[0], CommercialEnterprise = cells[1], ResearchInstitution = cells[2],
            PublicWelfareOrganization = cells[3], LegalServiceAgency = cells[4], Other = cells[5], Total = cells[6],
        };

    public static Gen<ApplicationTable> ApplicationTableGen { get; } =
        from rows in Gen.ListOf(ApplicantCountsGen, ApplicationRows.All.Count)
        from singleRow in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select BuildTable(rows.ToList(), singleRow);

    private static ApplicationTable BuildTable(List<ApplicantCounts> rows, bool singleRow)
    {
        var table = new ApplicationTable();
        if (singleRow) table.OtherProcessing = OtherProcessingCounts.AsSingleRow(new ApplicantCounts());
        else table.OtherProcessing.SingleRow = null;
        var i = 0;
        foreach (var row in ApplicationRows.All)
        {
            var counts = rows[i++];
            if (row.Get(table) is not null) row.Set(table, counts);
        }
        return table;
    }

    private static Gen<OutcomeGroup> OutcomeGroupGen { get; } =
        from cells in Gen.ListOf(CountCell, 5)
        select new OutcomeGroup { Upheld = cells[0], Corrected = cells[1], OtherResult = cells[2], Pending = cells[3], Total = cells[4] };

    public static Gen<ReviewAndLitigation> ReviewAndLitigationGen { get; } =
        from a in OutcomeGroupGen
        from b in OutcomeGroupGen
        from c in OutcomeGroupGen
        select new ReviewAndLitigation { AdministrativeReconsideration = a, LitigationWithoutReconsideration = b, LitigationAfterReconsideration = c };

    public static Gen<ProactiveDisclosure> ProactiveDisclosureGen { get; } =
        from counts in Gen.ListOf(CountCell, 9)
        from fees in AmountCell
        select new ProactiveDisclosure
        {
            Rules = new DocumentCounts { Issued = counts[0], Repealed = counts[1], InForce = counts[2] },
            NormativeDocuments = new DocumentCounts { Issued = counts[3], Repealed = counts[4], InForce = counts[5] },
            AdministrativeLicensing = counts[6],
            AdministrativePunishment = counts[7],
            AdministrativeCoercion = counts[8],
            AdministrativeFees = fees,
        };

    private static Gen<string?> Optional(Gen<string> gen) =>
        Gen.Frequency((3, gen.Select(s => (string?)s)), (1, Gen.Constant<string?>(null)));

    private static Gen<string> Digits(int length) =>
        Gen.ListOf(Gen.Choose(0, 9), length).Select(d => string.Concat(d));

    public static Gen<Opening> OpeningGen { get; } =
        from paragraphs in Paragraphs(0, 2)
        from address in Optional(Gen.Choose(1, 999).Select(n => $"某市某区人民大道{n}号"))
        from postcode in Optional(Digits(6))
        from phone in Optional(Digits(8).Select(d => "0517-" + d))
        from fax in Optional(Digits(7).Select(d => "0953-" + d))
        from email in Optional(Gen.Elements("hzzwgk@126.com", "hsbspfwglj@163.com", "office@example.gov.cn"))
        from url in Optional(Gen.Elements("www.hongsibu.gov.cn", "www.shanghai.gov.cn", "https://www.huaian.gov.cn"))
        select BuildOpening(paragraphs, new Contact { Address = address, Postcode = postcode, Phone = phone, Fax = fax, Email = email, PortalUrl = url });

    private static Opening BuildOpening(List<string> paragraphs, Contact contact)
    {
        var fields = new List<string>();
        if (contact.Address is { } a) fields.Add("地址：" + a);
        if (contact.Postcode is { } p) fields.Add("邮编：" + p);
        if (contact.Phone is { } t) fields.Add("电话：" + t);
        if (contact.Fax is { } f) fields.Add("传真：" + f);
        if (contact.Email is { } e) fields.Add("电子邮箱：" + e);
        var sentence = "";
        if (contact.PortalUrl is { } u) sentence += $"本报告电子版可在门户网站（{u}）查阅或下载。";
        if (fields.Count > 0) sentence += $"如对本报告有疑问，请与本机关办公室联系（{string.Join("，", fields)}）。";
        if (sentence.Length > 0) paragraphs.Add("本报告根据《条例》编制。" + sentence);
        return new Opening { Paragraphs = paragraphs, Contact = contact };
    }

    public static Gen<Overview> OverviewGen { get; } =
        from intro in Paragraphs(0, 2)
        from a in OptionalPart(["主动公开情况", "主动公开方面", "主动公开信息情况"])
        from b in OptionalPart(["依申请公开情况", "依申请公开办理情况", "依申请公开方面"])
        from c in OptionalPart(["政府信息管理情况", "政府信息管理方面"])
        from d in OptionalPart(["政府信息公开平台建设情况", "平台建设方面"])
        from e in OptionalPart(["政府信息公开监督保障情况", "监督保障工作情况"])
        select new Overview
        {
            Introduction = intro, ProactiveDisclosure = a, DisclosureOnRequest = b,
            InformationManagement = c, PlatformBuilding = d, SupervisionAndSafeguards = e,
        };

    /// <summary>Section 五: titled parts （一）（二）, or untitled: one paragraph of problems, then improvements.</summary>
    public static Gen<ProblemsAndImprovements> ProblemsGen { get; } =
        from heading in Gen.Elements("存在的主要问题及改进情况", "存在主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况")
        from titled in Gen.Elements(true, false)
        from intro in Paragraphs(0, 1)
        from problems in Part(["存在问题", "主要问题"])
        from improvements in Part(["改进情况", "改进措施"])
        from problem in Paragraph
        from more in Paragraphs(0, 2)
        select titled
            ? new ProblemsAndImprovements { Heading = heading, Introduction = intro, Problems = problems, Improvements = improvements }
            : new ProblemsAndImprovements
            {
                Heading = heading,
                Problems = new NarrativePart { Paragraphs = [problem] },
                Improvements = new NarrativePart { Paragraphs = more },
            };

    /// <summary>Section 六, with the 信息处理费 stated in the text when the figure is known.</summary>
    public static Gen<OtherMatters> OtherMattersGen { get; } =
        from intro in Paragraphs(0, 2)
        from parts in Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Part(["政务公开工作要点落实情况", "人大代表建议和政协提案办理结果公开情况", "信息处理费收取情况"]), n))
        from fee in Gen.Frequency(
            (1, Gen.Constant<decimal?>(null)),
            (2, Gen.Constant<decimal?>(0m)),
            (3, from yuan in Gen.Choose(0, 200000) from tenths in Gen.Choose(0, 9) select (decimal?)(yuan + tenths / 10m)))
        from sentenceForm in Gen.Elements(0, 1)
        select BuildOtherMatters(intro, parts.ToList(), fee, sentenceForm);

    private static OtherMatters BuildOtherMatters(List<string> intro, List<NarrativePart> parts, decimal? fee, int sentenceForm)
    {
        if (fee is { } yuan)
        {
            var sentence = yuan == 0 && sentenceForm == 0
                ? "本年度未收取信息处理费。"
                : $"全年收取政府信息公开信息处理费{Cell.Format(yuan)}元。";
            intro.Add(sentence);
        }
        else if (intro.Count == 0 && parts.Count == 0)
        {
            intro.Add("无。");
        }
        return new OtherMatters { Introduction = intro, Parts = parts, ProcessingFeeYuan = fee };
    }

    public static Gen<AnnualReport> AnnualReportGen { get; } =
        from agency in Gen.Elements(Agencies)
        from year in Gen.Choose(2021, 2030)
        from date in Optional(from m in Gen.Choose(1, 12) from d in Gen.Choose(1, 28) select $"{year + 1}-{m:00}-{d:00}")
        from opening in OpeningGen
        from overview in OverviewGen
        from proactive in ProactiveDisclosureGen
        from applications in ApplicationTableGen
        from review in ReviewAndLitigationGen
        from problems in ProblemsGen
        from other in OtherMattersGen
        select new AnnualReport
        {
            FormatVersion = ReportFormats.Format2021,
            AgencyName = agency,
            Year = year,
            PublicationDate = date,
            Opening = opening,
            Overview = overview,
            ProactiveDisclosure = proactive,
            Applications = applications,
            ReviewAndLitigation = review,
            ProblemsAndImprovements = problems,
            OtherMatters = other,
        };
}

/// <summary>Registration for <c>[Property(Arbitrary = new[] { typeof(ReportArbitraries) })]</c>.</summary>
public static class ReportArbitraries
{
    public static Arbitrary<AnnualReport> AnnualReport() => Arb.From(ReportGenerators.AnnualReportGen);
}

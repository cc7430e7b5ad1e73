using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Benchmarks;

/// <summary>The published reports in shared/fixtures, as text and as imported reports.</summary>
public static class Fixtures
{
    /// <summary>Short names (as benchmark parameters print them) and fixture files.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["shanghai2019"] = "2019_shanghai_gov_office_OLD_FORMAT.txt",
        ["hongsibu2022"] = "2022_hongsibu_approval_bureau.txt",
        ["hongze2023"] = "2023_hongze_district_gov.txt",
        ["hongze2024"] = "2024_hongze_district_gov.txt",
        ["huaian2024"] = "2024_huaian_city_gov.txt",
    };

    public static readonly string[] Names = [.. Files.Keys];

    /// <summary>The 2021-format ones (rendering is defined for those).</summary>
    public static readonly string[] Names2021 = Names.Where(n => n != "shanghai2019").ToArray();

    public static string Text(string name) => TestPaths.ReadFixture(Files[name]);

    public static AnnualReport Report(string name) => ReportImporter.ImportText(Text(name)).Report;
}

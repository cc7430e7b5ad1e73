using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Benchmarks;

/// <summary>The published reports in shared/fixtures, as text and as imported reports.</summary>
public static class Fixtures
{
    public static readonly string[] Names =
    [
        "2019_shanghai_gov_office_OLD_FORMAT.txt",
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
    ];

    /// <summary>The 2021-format ones (rendering is defined for those).</summary>
    public static readonly string[] Names2021 = Names.Where(n => !n.Contains("OLD_FORMAT", StringComparison.Ordinal)).ToArray();

    public static string Text(string name) => TestPaths.ReadFixture(name);

    public static AnnualReport Report(string name) => ReportImporter.ImportText(Text(name)).Report;
}

using System.Text;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Batch;

/// <summary>
/// Finds each report's predecessor (the same agency's report of the year before) among many, by the normalised agency
/// name and the year. Built once over reports already imported, so pairing costs a lookup per report, not a parse.
/// A name matches exactly, or else with its leading higher region left out when only one agency of that year fits
/// ("洪泽区人民政府" is "淮安市洪泽区人民政府": agencies drop the city prefix from one year to the next). When that
/// shorter name is shared by two agencies of that year, the report is not paired rather than paired with a guess.
/// </summary>
public sealed class YearPairs<T> where T : class
{
    private readonly Dictionary<(string Name, int Year), List<T>> _exact = new();
    private readonly Dictionary<(string Name, int Year), List<(string Name, T Item)>> _local = new();

    public YearPairs(IEnumerable<(string AgencyName, int Year, T Item)> reports)
    {
        foreach (var (agency, year, item) in reports)
        {
            var name = AgencyNames.Normalise(agency);
            if (name.Length == 0) continue;
            Add(_exact, (name, year), item);
            Add(_local, (AgencyNames.Local(name), year), (name, item));
        }
    }

    /// <summary>The report of <paramref name="agencyName"/> for <paramref name="year"/> − 1, or null when none or ambiguous.</summary>
    public T? PreviousOf(string agencyName, int year)
    {
        var name = AgencyNames.Normalise(agencyName);
        if (name.Length == 0) return null;
        if (_exact.TryGetValue((name, year - 1), out var exact)) return exact.Count == 1 ? exact[0] : null;
        if (!_local.TryGetValue((AgencyNames.Local(name), year - 1), out var candidates)) return null;
        var agencies = candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count();
        return agencies == 1 && candidates.Count == 1 ? candidates[0].Item : null;
    }

    private static void Add<TValue>(Dictionary<(string, int), List<TValue>> index, (string, int) key, TValue value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(value);
    }
}

/// <summary>Agency names as they are compared across years.</summary>
public static class AgencyNames
{
    private static readonly string[] UpperRegions = ["自治区", "自治州", "省", "市", "州", "盟", "地区"];
    private static readonly char[] LocalRegionEnds = ['市', '区', '县', '旗', '镇', '乡'];

    /// <summary>Width-folded (full-width letters and digits to ASCII), without whitespace, brackets folded to full width.</summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var folded = name.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c)) continue;
            result.Append(c switch { '(' => '（', ')' => '）', _ => c });
        }
        return result.ToString();
    }

    /// <summary>
    /// The name without its leading higher regions, when what is left still begins with a place of its own:
    /// "淮安市洪泽区人民政府" → "洪泽区人民政府", but "淮安市人民政府" stays as it is.
    /// </summary>
    public static string Local(string normalised)
    {
        var name = normalised;
        while (true)
        {
            var cut = UpperRegions.Select(r => (Region: r, At: name.IndexOf(r, StringComparison.Ordinal)))
                .Where(x => x.At >= 2 && x.At <= 6).OrderBy(x => x.At).FirstOrDefault();
            if (cut.Region is null) return name;
            var rest = name[(cut.At + cut.Region.Length)..];
            if (!StartsWithPlace(rest)) return name;
            name = rest;
        }
    }

    private static bool StartsWithPlace(string rest)
    {
        var end = rest.IndexOfAny(LocalRegionEnds);
        return end >= 2 && end <= 6 && end < rest.Length - 1;
    }
}

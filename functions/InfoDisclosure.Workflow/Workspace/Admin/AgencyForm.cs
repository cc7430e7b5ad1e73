using System.Text.RegularExpressions;
using InfoDisclosure.Workflow.Agencies;

namespace InfoDisclosure.Workflow.Workspace.Admin;

/// <summary>A field of the agency form that could not be taken, in Chinese, with the validator's own words kept.</summary>
public sealed record AgencyFormError(string Field, string Label, string Detail);

/// <summary>
/// The administrator's agency form, both ways: an agency as form fields, and a posted form as an agency checked by
/// <see cref="AgencyValidator"/> (the API's rules). Reviewers are one per line, "姓名 &lt;email&gt;"; a level with no
/// reviewer line is left out, so the empty last level adds one and clearing a level removes it.
/// </summary>
public static partial class AgencyForm
{
    public const int LevelSlots = DefaultReviewChain.MaximumLevels;
    public const string ETagField = "etag";

    public static string Reviewers(IEnumerable<Person> people) =>
        string.Join("\n", people.Select(p => string.IsNullOrWhiteSpace(p.Name) ? p.Email : $"{p.Name} <{p.Email}>"));

    public static (Agency? Agency, IReadOnlyList<AgencyFormError> Errors) Read(Agency stored, IReadOnlyDictionary<string, string> form)
    {
        string Field(string name) => form.GetValueOrDefault(name)?.Trim() ?? "";
        var errors = new List<AgencyFormError>();
        var chain = new List<ReviewLevel>();
        for (var i = 0; i < LevelSlots; i++)
        {
            var lines = Field($"level{i}.reviewers").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0) continue;
            var reviewers = new List<Person>();
            foreach (var line in lines)
            {
                if (ParsePerson(line) is { } person) reviewers.Add(person);
                else errors.Add(new($"level{i}.reviewers", $"第{chain.Count + 1}级的审核人", $"“{line}”应写作“姓名 <邮箱>”。"));
            }
            chain.Add(new ReviewLevel { Name = Field($"level{i}.name"), Rule = Field($"level{i}.rule"), Reviewers = reviewers });
        }
        var agency = stored with
        {
            Name = Field("name"),
            Kind = Field("kind"),
            SupervisingOfficeEmail = Field("supervisingOfficeEmail"),
            Drafter = new Person(Field("drafter.name"), Field("drafter.email")),
            ReviewChain = DefaultReviewChain.Normalize(chain),
            InternalDeadlines = new InternalDeadlines { SubmitBy = Blank(Field("submitBy")), PublishBy = Blank(Field("publishBy")) },
        };
        foreach (var (path, messages) in AgencyValidator.Validate(agency))
        {
            errors.Add(new(FieldOf(path), LabelOf(path), string.Join(" ", messages)));
        }
        return errors.Count == 0 ? (agency, []) : (null, errors);
    }

    private static Person? ParsePerson(string line)
    {
        var match = PersonPattern().Match(line);
        if (match.Success) return new Person(match.Groups["name"].Value.Trim(), match.Groups["email"].Value.Trim());
        return AgencyValidator.IsEmail(line) ? new Person("", line) : null;
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    /// <summary>The form field a validator path names ("$.reviewChain[1].reviewers[0].email" → "level1.reviewers").</summary>
    private static string FieldOf(string path)
    {
        var level = LevelPattern().Match(path);
        if (level.Success) return path.Contains(".name", StringComparison.Ordinal) && !path.Contains("reviewers", StringComparison.Ordinal)
            ? $"level{level.Groups[1].Value}.name"
            : path.EndsWith(".rule", StringComparison.Ordinal) ? $"level{level.Groups[1].Value}.rule" : $"level{level.Groups[1].Value}.reviewers";
        return path switch
        {
            "$.reviewChain" => "level0.reviewers",
            "$.internalDeadlines.submitBy" => "submitBy",
            "$.internalDeadlines.publishBy" => "publishBy",
            _ => path.TrimStart('$', '.'),
        };
    }

    private static string LabelOf(string path)
    {
        var level = LevelPattern().Match(path);
        if (level.Success) return $"第{int.Parse(level.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}级审核";
        return path switch
        {
            "$.name" => "单位名称",
            "$.kind" => "单位类型",
            "$.supervisingOfficeEmail" => "主管部门邮箱",
            "$.drafter" or "$.drafter.name" => "起草人姓名",
            "$.drafter.email" => "起草人邮箱",
            "$.reviewChain" => "审核链",
            "$.internalDeadlines.submitBy" => "内部报送期限",
            "$.internalDeadlines.publishBy" => "内部发布期限",
            _ => path,
        };
    }

    [GeneratedRegex(@"^(?<name>[^<]*)<(?<email>[^>]+)>$")]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"^\$\.reviewChain\[(\d+)\]")]
    private static partial Regex LevelPattern();
}

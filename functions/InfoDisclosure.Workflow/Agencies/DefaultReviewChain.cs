namespace InfoDisclosure.Workflow.Agencies;

/// <summary>
/// The 三审三校 levels: each level records a review (审) and a proofread (校). Three levels by default,
/// an optional fourth 审定 by the head of the agency.
/// </summary>
public static class DefaultReviewChain
{
    public static readonly IReadOnlyList<(string Name, string Role)> Levels =
    [
        ("初审·一校", "信息员/编辑"),
        ("复审·二校", "科室负责人（含保密审查）"),
        ("终审·三校", "分管领导"),
        ("审定", "主要负责人"),
    ];

    public const int MinimumLevels = 3;
    public const int MaximumLevels = 4;

    /// <summary>The 审 part of a level's name ("初审" of "初审·一校").</summary>
    public static string ReviewPart(string levelName) => levelName.Split('·')[0];

    /// <summary>The 校 part of a level's name ("一校" of "初审·一校"); a level without one (审定) records the proofread under its own name.</summary>
    public static string ProofreadPart(string levelName)
    {
        var parts = levelName.Split('·');
        return parts.Length > 1 ? parts[1] : levelName;
    }

    /// <summary>Fills each level's name and role from the default by position when they were left out.</summary>
    public static IReadOnlyList<ReviewLevel> Normalize(IReadOnlyList<ReviewLevel> chain) =>
        chain.Select((level, i) => level with
        {
            Name = string.IsNullOrWhiteSpace(level.Name) && i < Levels.Count ? Levels[i].Name : level.Name.Trim(),
            Role = string.IsNullOrWhiteSpace(level.Role) && i < Levels.Count ? Levels[i].Role : level.Role?.Trim(),
            Rule = string.IsNullOrWhiteSpace(level.Rule) ? ReviewRules.Any : level.Rule.Trim().ToLowerInvariant(),
            Reviewers = level.Reviewers?.Select(r => r is null ? r! : new Person(r.Name?.Trim() ?? "", r.Email?.Trim() ?? "")).ToList() ?? [],
        }).ToList();
}

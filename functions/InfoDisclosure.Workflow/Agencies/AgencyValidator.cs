using System.Net.Mail;
using System.Text.RegularExpressions;
using InfoDisclosure.Workflow.Deadlines;

namespace InfoDisclosure.Workflow.Agencies;

/// <summary>The rules an agency must meet; each broken rule is reported under the JSON path of its field.</summary>
public static partial class AgencyValidator
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is { Length: >= 2 and <= 40 } && IdPattern().IsMatch(id);

    public const string IdRule = "2 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'.";

    public static Dictionary<string, string[]> Validate(Agency agency)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (!IsValidId(agency.Id)) Add("$.id", IdRule);
        if (string.IsNullOrWhiteSpace(agency.Name)) Add("$.name", "The agency's name is required.");
        if (agency.Kind is not (AgencyKinds.Department or AgencyKinds.Government))
            Add("$.kind", $"'{agency.Kind}' is not a kind: use '{AgencyKinds.Department}' (due January 31) or '{AgencyKinds.Government}' (due March 31).");
        if (!IsEmail(agency.SupervisingOfficeEmail))
            Add("$.supervisingOfficeEmail", "The supervising office's e-mail address is required (the approved report is delivered there).");
        if (agency.Drafter is null) Add("$.drafter", "The drafter {name, email} is required.");
        else CheckPerson(agency.Drafter, "$.drafter", Add);

        var chain = agency.ReviewChain ?? [];
        if (chain.Count is < DefaultReviewChain.MinimumLevels or > DefaultReviewChain.MaximumLevels)
        {
            Add("$.reviewChain", "三审三校 needs three levels (初审·一校, 复审·二校, 终审·三校), optionally a fourth (审定).");
        }
        for (var i = 0; i < chain.Count; i++)
        {
            var path = $"$.reviewChain[{i}]";
            var level = chain[i];
            if (level is null)
            {
                Add(path, "A level is {name?, role?, rule: any|all, reviewers: [{name, email}]}.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(level.Name)) Add($"{path}.name", "The level needs a name.");
            if (level.Rule is not (ReviewRules.Any or ReviewRules.All))
                Add($"{path}.rule", $"'{level.Rule}' is not a rule: use 'any' (one reviewer decides) or 'all' (every reviewer approves).");
            var reviewers = level.Reviewers ?? [];
            if (reviewers.Count == 0) Add($"{path}.reviewers", "A level needs at least one reviewer.");
            var seen = new HashSet<string>();
            for (var r = 0; r < reviewers.Count; r++)
            {
                var reviewer = reviewers[r];
                if (reviewer is null)
                {
                    Add($"{path}.reviewers[{r}]", "A reviewer is {name, email}.");
                    continue;
                }
                CheckPerson(reviewer, $"{path}.reviewers[{r}]", Add);
                if (IsEmail(reviewer.Email) && !seen.Add(reviewer.Key))
                    Add($"{path}.reviewers[{r}].email", "This reviewer is already listed on this level.");
            }
        }

        if (agency.Delivery?.Endpoint is { Length: > 0 } deliveryEndpoint && !IsHttpUrl(deliveryEndpoint))
            Add("$.delivery.endpoint", "An absolute http(s) URL is required.");
        if (agency.Portal is { } portal)
        {
            if (portal.Endpoint is { Length: > 0 } endpoint && !IsHttpUrl(endpoint))
                Add("$.portal.endpoint", "An absolute http(s) URL is required.");
            if (portal.PublicUrlBase is { Length: > 0 } publicBase && !IsHttpUrl(publicBase))
                Add("$.portal.publicUrlBase", "An absolute http(s) URL is required.");
        }
        if (agency.InternalDeadlines is { } internalDeadlines)
        {
            if (internalDeadlines.SubmitBy is { Length: > 0 } submitBy && !InternalDeadline.IsValid(submitBy))
                Add("$.internalDeadlines.submitBy", "Use a month and day (01-26) or a date (2027-01-26).");
            if (internalDeadlines.PublishBy is { Length: > 0 } publishBy && !InternalDeadline.IsValid(publishBy))
                Add("$.internalDeadlines.publishBy", "Use a month and day (01-28) or a date (2027-01-28).");
        }
        if (agency.StageReminders is { } reminders)
        {
            if (reminders.DueAfterWorkingDays is < 1 or > 30)
                Add("$.stageReminders.dueAfterWorkingDays", "From 1 to 30 working days.");
            if (reminders.DueAfter is { } span && span <= TimeSpan.Zero)
                Add("$.stageReminders.dueAfter", "A positive time span such as \"00:00:05\" or \"2.00:00:00\".");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void CheckPerson(Person person, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(person.Name)) add($"{path}.name", "A name is required.");
        if (!IsEmail(person.Email)) add($"{path}.email", "A valid e-mail address is required.");
    }

    public static bool IsEmail(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim()
        && address.Host.Contains('.');

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>An internal deadline: "MM-dd" recurs every year, "yyyy-MM-dd" is that date only.</summary>
public static class InternalDeadline
{
    public static bool IsValid(string text) =>
        MonthDay.TryParse(text, out _) || DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out _);

    /// <summary>The date for the report of <paramref name="reportYear"/> (deadlines fall in the following year), or null.</summary>
    public static DateOnly? For(string? text, int reportYear)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (MonthDay.TryParse(text, out var md)) return md.InYear(reportYear + 1);
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var date) && date.Year == reportYear + 1 ? date : null;
    }

    /// <summary>The report's deadlines: statutory by kind, and internal dates when they fall before it.</summary>
    public static ReportDeadlines Deadlines(Agency agency, int reportYear)
    {
        var statutory = ReportDeadlines.StatutoryDate(agency.Kind, reportYear);
        DateOnly? Earlier(string? text) => For(text, reportYear) is { } d && d < statutory ? d : null;
        return new ReportDeadlines(reportYear, statutory, Earlier(agency.InternalDeadlines?.SubmitBy), Earlier(agency.InternalDeadlines?.PublishBy));
    }
}

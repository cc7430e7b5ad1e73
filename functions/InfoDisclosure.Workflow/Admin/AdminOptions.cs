using InfoDisclosure.Workflow.Notifications;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>The system administrator (configuration Admin__Email, optional Admin__Name): copied on late reminders, told of failed publications.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }
    public string Name { get; set; } = "系统管理员";

    public EmailAddress? Address => string.IsNullOrWhiteSpace(Email) ? null : new EmailAddress(Name, Email.Trim());
}

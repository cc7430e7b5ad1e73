namespace InfoDisclosure.Workflow.Notifications;

/// <summary>The outgoing mail server, bound from the configuration section "Smtp" (env names Smtp__Host, Smtp__Port, …).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Empty means "not configured": the local host then runs its embedded server and dev mailbox.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender, "address" or "名称 &lt;address&gt;".</summary>
    public string From { get; set; } = "InfoDisclosure <noreply@localhost>";

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>True: implicit TLS on 465 or STARTTLS elsewhere, required. False: plain (a relay inside the network, the dev server).</summary>
    public bool UseTls { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Zaitaku.Data;
using Zaitaku.Data.Work;

namespace Zaitaku.Web.Work;

/// <summary>E-mail of notifications through the municipality's SMTP server (section <c>Mail</c> of the configuration); off while no host is set.</summary>
public sealed record MailOptions
{
    /// <summary>The SMTP server, e.g. <c>smtp.city.example.lg.jp</c>; empty: no e-mail is sent.</summary>
    public string Host { get; set; } = "";

    /// <summary>The SMTP port (25 by default; 587 for submission).</summary>
    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> (default) or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>The account to authenticate with, or empty for none.</summary>
    public string UserName { get; set; } = "";

    /// <summary>Its password.</summary>
    public string Password { get; set; } = "";

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "zaitaku@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "在宅 Zaitaku";

    /// <summary>The console's address as staff open it, for the link in each e-mail (e.g. <c>https://zaitaku.city.example.lg.jp</c>).</summary>
    public string ConsoleUrl { get; set; } = "";

    public bool Enabled => Host.Length > 0;
}

/// <summary>One e-mail waiting to be sent.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>E-mails queued after the save that created their notifications, sent in the background so no page waits for the SMTP server.</summary>
public sealed class MailQueue(IOptions<MailOptions> options)
{
    private readonly Channel<OutgoingMail> _channel = Channel.CreateUnbounded<OutgoingMail>(new UnboundedChannelOptions { SingleReader = true });

    public bool Enabled => options.Value.Enabled;

    public void Enqueue(OutgoingMail mail) => _channel.Writer.TryWrite(mail);

    internal ChannelReader<OutgoingMail> Reader => _channel.Reader;
}

/// <summary>Sends queued e-mails with MailKit; a failure is logged and the next mail is tried (the in-app notification stays).</summary>
internal sealed partial class MailSender(MailQueue queue, IOptions<MailOptions> options, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(mail, stoppingToken);
            }
            catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or System.Net.Sockets.SocketException or SslHandshakeException)
            {
                LogSendFailed(logger, e, mail.To, e.Message);
            }
        }
    }

    private async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
        if (settings.UserName.Length > 0) await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "E-mail to {To} not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string to, string reason);
}

/// <summary>
/// In-app notifications (お知らせ) of requests and decisions, with an e-mail copy when SMTP is
/// configured. Rows are added to the caller's unit of work; e-mails leave only after it is saved
/// (<see cref="AfterSave"/>), so a refused change sends nothing.
/// </summary>
public sealed class Notifications(ZaitakuDb db, MailQueue mail, IOptions<MailOptions> options)
{
    private readonly List<OutgoingMail> _pending = [];

    /// <summary>Adds a notification for each account.</summary>
    public async Task AddAsync(IReadOnlyCollection<Guid> userIds, string kind, LocalizedText text, string link, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0) return;
        var now = db.Time.GetUtcNow();
        foreach (var userId in userIds.Distinct())
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(), RecipientUserId = userId, Kind = kind, TextJa = Cut(text.Ja), TextEn = Cut(text.En), Link = link, CreatedAt = now,
            });
        }
        if (!mail.Enabled) return;
        var tenantId = db.TenantScope.TenantId;
        var ids = userIds.ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && ids.Contains(u.Id) && u.Enabled)
            .Join(db.Staff.AsNoTracking(), u => u.StaffId, s => s.Id, (u, s) => s.Email)
            .Where(e => e != null).ToListAsync(cancellationToken);
        var url = options.Value.ConsoleUrl.TrimEnd('/') + link;
        foreach (var address in addresses.Distinct())
        {
            _pending.Add(new OutgoingMail(address!, $"[在宅 Zaitaku] {Cut(text.Ja, 80)}",
                $"{text.Ja}\n{url}\n\n---\n{text.En}\n\nこのメールは在宅 Zaitaku から自動で送信しています。 / Sent by Zaitaku.\n"));
        }
    }

    /// <summary>Hands the e-mails of the saved notifications to the sender.</summary>
    public void AfterSave()
    {
        foreach (var item in _pending) mail.Enqueue(item);
        _pending.Clear();
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.RecipientUserId == userId && n.ReadAt == null, cancellationToken);

    public Task<List<Notification>> LatestAsync(Guid userId, int take = 100, CancellationToken cancellationToken = default) =>
        db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId).OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync(cancellationToken);

    /// <summary>Marks the account's notifications read (one, or all when <paramref name="id"/> is null).</summary>
    public async Task MarkReadAsync(Guid userId, Guid? id, CancellationToken cancellationToken = default)
    {
        var now = db.Time.GetUtcNow();
        var unread = await db.Notifications.Where(n => n.RecipientUserId == userId && n.ReadAt == null && (id == null || n.Id == id)).ToListAsync(cancellationToken);
        foreach (var n in unread) n.ReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Cut(string text, int max = 500) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zaitaku.Web.Tests.Work;

/// <summary>
/// A tiny SMTP server on a loopback port that accepts every message and keeps it, so that tests
/// see the e-mails the console really sent over SMTP (no mock of our own code).
/// </summary>
internal sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpListener()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each message received: its recipients and its raw content (headers and body).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(IReadOnlyList<string> To, string Data)> Messages { get; } = new();

    /// <summary>Waits until <paramref name="count"/> messages arrived (fails after 30 seconds rather than hanging).</summary>
    public async Task WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Messages.Count < count) await Task.Delay(50, timeout.Token);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.ToUpperInvariant();
                if (command.StartsWith("EHLO", StringComparison.Ordinal)) await writer.WriteLineAsync("250-localhost\r\n250 8BITMIME");
                else if (command.StartsWith("HELO", StringComparison.Ordinal)) await writer.WriteLineAsync("250 localhost");
                else if (command.StartsWith("MAIL FROM", StringComparison.Ordinal)) { to.Clear(); await writer.WriteLineAsync("250 OK"); }
                else if (command.StartsWith("RCPT TO", StringComparison.Ordinal)) { to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>')); await writer.WriteLineAsync("250 OK"); }
                else if (command == "DATA")
                {
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".") data.AppendLine(dataLine);
                    Messages.Enqueue((to.ToList(), data.ToString()));
                    await writer.WriteLineAsync("250 OK");
                }
                else if (command == "QUIT") { await writer.WriteLineAsync("221 Bye"); return; }
                else await writer.WriteLineAsync("250 OK");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>The TLS files both proxies use.</summary>
/// <param name="CertificatePath">The server certificate, PEM (ECDSA P-256, for 127.0.0.1).</param>
/// <param name="KeyPath">Its private key, PEM.</param>
/// <param name="ClientCaPath">The CA whose certificates clients must present (the tenant's device CA), PEM.</param>
internal sealed record ProxyTls(string CertificatePath, string KeyPath, string ClientCaPath);

/// <summary>
/// A Debian nginx run from a folder of its own (config, pid, logs and temp paths inside it; no root needed
/// and nothing in /etc touched), in the foreground as this process's child, so its master and workers can
/// be measured and stopped. Two configurations: the upstream and the reference proxy.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    /// <summary>The page the upstream answers for every path, about 2 KB of HTML.</summary>
    public static readonly string Page = BuildPage();

    private readonly string _folder;
    private readonly Process _master;

    private NginxServer(string folder, Process master, int port, int? staticPort)
    {
        _folder = folder;
        _master = master;
        Port = port;
        TlsStaticPort = staticPort;
    }

    /// <summary>The loopback port it listens on (the first one, for the proxy).</summary>
    public int Port { get; }

    /// <summary>The master's process id; its workers are its children.</summary>
    public int ProcessId => _master.Id;

    /// <summary>The access log, one line per request (the proxy only).</summary>
    public string AccessLogPath => Path.Combine(_folder, "access.log");

    /// <summary>Where nginx is: <c>ZAITAKU_NGINX</c>, else /usr/sbin/nginx, else the PATH.</summary>
    public static string? Executable() =>
        Environment.GetEnvironmentVariable("ZAITAKU_NGINX") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists);

    /// <summary>The upstream: plain HTTP, keep-alive, no access log, the same page for every path from the open-file cache.</summary>
    public static Task<NginxServer> StartUpstreamAsync(string folder, CancellationToken cancellationToken)
    {
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "www"));
        File.WriteAllText(Path.Combine(folder, "www", "page.html"), Page);
        var config = Common(folder) + $$"""
            http {
                {{TempPaths(folder)}}
                access_log off;
                sendfile on;
                open_file_cache max=16 inactive=600s;
                open_file_cache_valid 600s;
                keepalive_timeout 300s;
                keepalive_requests 1000000;
                server_tokens off;
                server {
                    listen 127.0.0.1:{{port}} reuseport backlog=4096;
                    location / {
                        root {{folder}}/www;
                        default_type text/html;
                        charset utf-8;
                        try_files /page.html =404;
                    }
                }
            }
            """;
        return StartAsync(folder, config, port, null, cancellationToken);
    }

    /// <summary>
    /// The reference proxy: TLS 1.3 only with the ECDSA certificate, <c>ssl_verify_client on</c> against the
    /// tenant CA, <c>/s/docs/</c> passed to the upstream over kept-alive HTTP/1.1 connections, every request
    /// in the access log (buffered 64 KB, flushed every second and when nginx stops). A second TLS port serves
    /// the page itself with the same TLS and no proxying or log: the generator's ceiling over mutual TLS.
    /// </summary>
    public static Task<NginxServer> StartProxyAsync(string folder, Uri upstream, ProxyTls tls, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var staticPort = FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "www"));
        File.WriteAllText(Path.Combine(folder, "www", "page.html"), Page);
        var tlsLines = $"""
                    ssl_certificate {tls.CertificatePath};
                    ssl_certificate_key {tls.KeyPath};
                    ssl_protocols TLSv1.3;
                    ssl_client_certificate {tls.ClientCaPath};
                    ssl_verify_client on;
                    ssl_verify_depth 1;
            """;
        var config = Common(folder) + $$"""
            http {
                {{TempPaths(folder)}}
                log_format bench '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time $ssl_client_serial';
                access_log {{folder}}/access.log bench buffer=64k flush=1s;
                keepalive_timeout 300s;
                keepalive_requests 1000000;
                server_tokens off;
                upstream docs {
                    server {{upstream.Authority}};
                    keepalive 64;
                    keepalive_requests 1000000;
                    keepalive_timeout 300s;
                }
                server {
                    listen 127.0.0.1:{{port}} ssl reuseport backlog=4096;
            {{tlsLines}}
                    location /s/docs/ {
                        proxy_pass http://docs/;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                    location / {
                        return 404;
                    }
                }
                server {
                    listen 127.0.0.1:{{staticPort}} ssl reuseport backlog=4096;
            {{tlsLines}}
                    access_log off;
                    location / {
                        root {{folder}}/www;
                        default_type text/html;
                        charset utf-8;
                        try_files /page.html =404;
                    }
                }
            }
            """;
        return StartAsync(folder, config, port, staticPort, cancellationToken);
    }

    /// <summary>
    /// The native reference for the posture scenario: nginx with the gateway's TLS (1.3 only, the same ECDSA
    /// certificate, <c>ssl_verify_client on</c> against the tenant CA; session tickets issued, as the gateway issues
    /// them), answering <c>POST /device/posture</c> with 200 and storing nothing: what a full mutual-TLS handshake
    /// costs in C on the OpenSSL it runs with (the generator, ab, never resumes, so every connection is a full one).
    /// </summary>
    public static Task<NginxServer> StartHandshakeReferenceAsync(string folder, ProxyTls tls, CancellationToken cancellationToken)
    {
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "www"));
        var config = Common(folder) + $$"""
            http {
                {{TempPaths(folder)}}
                access_log off;
                server_tokens off;
                server {
                    listen 127.0.0.1:{{port}} ssl reuseport backlog=4096;
                    ssl_certificate {{tls.CertificatePath}};
                    ssl_certificate_key {{tls.KeyPath}};
                    ssl_protocols TLSv1.3;
                    ssl_client_certificate {{tls.ClientCaPath}};
                    ssl_verify_client on;
                    ssl_verify_depth 1;
                    location = /device/posture {
                        default_type application/json;
                        return 200 '{"stored":false}';
                    }
                    location / {
                        return 404;
                    }
                }
            }
            """;
        return StartAsync(folder, config, port, null, cancellationToken);
    }

    /// <summary>The proxy's second port (same TLS, the page served directly); null for the upstream.</summary>
    public int? TlsStaticPort { get; }

    /// <summary>How many requests the access log holds (read after the server stopped, so the buffer is flushed).</summary>
    public long AccessLogLines() => File.Exists(AccessLogPath) ? File.ReadLines(AccessLogPath).LongCount() : 0;

    private static string Common(string folder) => $$"""
        worker_processes auto;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events {
            worker_connections 4096;
            multi_accept on;
        }

        """;

    private static string TempPaths(string folder) =>
        string.Join(' ', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"{t}_temp_path {folder}/tmp/{t};"));

    private static async Task<NginxServer> StartAsync(string folder, string config, int port, int? staticPort, CancellationToken cancellationToken)
    {
        var nginx = Executable() ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx-light (or set ZAITAKU_NGINX).");
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        if (!OperatingSystem.IsWindows())
        {
            // Run as root, nginx's workers become "nobody": they must be able to reach the page.
            var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            // Its own folder and the scenario's folder above it (which CreateTempSubdirectory makes 0700); key files keep 0600.
            File.SetUnixFileMode(folder, open);
            File.SetUnixFileMode(Path.GetDirectoryName(folder)!, open);
            File.SetUnixFileMode(Path.Combine(folder, "www"), open);
        }
        var configPath = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in Arguments(folder)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("-g");
        start.ArgumentList.Add("daemon off;");
        var master = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (master.HasExited)
            {
                var error = await master.StandardError.ReadToEndAsync(cancellationToken);
                throw new InvalidOperationException($"nginx exited ({master.ExitCode}): {error} {ReadLog(folder)}");
            }
            if (await AcceptsAsync(port, cancellationToken)) return new NginxServer(folder, master, port, staticPort);
            await Task.Delay(50, cancellationToken);
        }
        master.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"nginx did not listen on {port} within 15 s: {ReadLog(folder)}");
    }

    private static string[] Arguments(string folder) => ["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf")];

    private static string ReadLog(string folder)
    {
        var path = Path.Combine(folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops gracefully (<c>nginx -s quit</c>: in-flight requests finish, the access log is flushed), else kills the tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_master.HasExited)
        {
            var quit = new ProcessStartInfo(Executable()!) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in Arguments(_folder)) quit.ArgumentList.Add(argument);
            quit.ArgumentList.Add("-s");
            quit.ArgumentList.Add("quit");
            using (var signal = Process.Start(quit)!) await signal.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _master.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _master.Kill(entireProcessTree: true);
                await _master.WaitForExitAsync();
            }
        }
        _master.Dispose();
    }

    private static string BuildPage()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>文書管理システム</title>\n</head>\n<body>\n<h1>文書管理 — 起案一覧</h1>\n<table>\n");
        for (var n = 1; Encoding.UTF8.GetByteCount(page.ToString()) < 1960; n++)
            page.Append(CultureInfo.InvariantCulture, $"<tr><td>R8-{n:D4}</td><td>起案</td><td>決裁待ち</td></tr>\n");
        page.Append("</table>\n</body>\n</html>\n");
        return page.ToString();
    }
}

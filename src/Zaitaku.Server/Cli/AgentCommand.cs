using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Zaitaku.Devices.Posture;
using Zaitaku.Server.Agent;

namespace Zaitaku.Server.Cli;

/// <summary>
/// <c>zaitaku agent report</c>: the reference agent. Sends one posture report to the gateway over
/// mutual TLS with the PC's certificate, from a JSON file or from what it can read on this host, and
/// prints the verdict. Exit codes: 0 stored and compliant, 3 stored but not compliant, 1 refused or
/// unreachable, 2 bad arguments.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var gateway = new Option<string>("--gateway") { Description = "ゲートウェイのURL（https://…） / the gateway URL", Required = true };
        var cert = new Option<string>("--cert") { Description = "端末証明書（PEM） / the PC's certificate (PEM)", Required = true };
        var key = new Option<string>("--key") { Description = "端末の秘密鍵（PEM、暗号化されていれば --key-password） / the PC's private key (PEM)", Required = true };
        var keyPassword = new Option<string?>("--key-password") { Description = "暗号化された秘密鍵のパスワード（環境変数 ZAITAKU_KEY_PASSWORD でも可） / password of an encrypted key (or ZAITAKU_KEY_PASSWORD)" };
        var ca = new Option<string?>("--ca") { Description = "ゲートウェイのサーバー証明書を発行したCA（PEM）。省略時はOSの信頼ストア / the CA of the gateway's certificate (default: the OS trust store)" };
        var file = new Option<string?>("--file") { Description = "送る報告のJSONファイル / a JSON report to send" };
        var fromHost = new Option<bool>("--from-host") { Description = "この端末（Linux）から読み取った報告を送る / send what this (Linux) host reports" };
        var report = new Command("report", "状態報告をゲートウェイに送ります / send a posture report to the gateway") { gateway, cert, key, keyPassword, ca, file, fromHost };
        report.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(file) is null == !parse.GetValue(fromHost))
            {
                error.WriteLine("--file か --from-host のどちらか一方を指定してください / give either --file or --from-host");
                return 2;
            }
            if (!Uri.TryCreate(parse.GetValue(gateway), UriKind.Absolute, out var gatewayUri) || gatewayUri.Scheme != Uri.UriSchemeHttps)
            {
                error.WriteLine($"--gateway: 「{parse.GetValue(gateway)}」は https:// のURLではありません / not an https:// URL");
                return 2;
            }

            X509Certificate2 certificate;
            X509Certificate2? trustedCa = null;
            try
            {
                certificate = LoadClientCertificate(parse.GetValue(cert)!, parse.GetValue(key)!, parse.GetValue(keyPassword) ?? Environment.GetEnvironmentVariable("ZAITAKU_KEY_PASSWORD"));
                if (parse.GetValue(ca) is { } caPath) trustedCa = X509CertificateLoader.LoadCertificateFromFile(caPath);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                error.WriteLine($"証明書・鍵を読めません / cannot read the certificate or key: {e.Message}");
                return 2;
            }

            byte[] body;
            if (parse.GetValue(file) is { } path)
            {
                try
                {
                    body = await File.ReadAllBytesAsync(path, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"--file: {e.Message}");
                    return 2;
                }
            }
            else
            {
                var host = new HostPosture();
                var posture = host.Read(DateTimeOffset.UtcNow);
                foreach (var note in host.Notes) error.WriteLine($"注意 / note: {note}");
                body = Encoding.UTF8.GetBytes(PostureReportJson.Write(posture));
            }

            using (certificate)
            using (trustedCa)
            {
                return await SendAsync(new Uri(gatewayUri, "/device/posture"), certificate, trustedCa, body, output, error, cancellationToken);
            }
        });
        return new Command("agent", "参照用の端末エージェント / the reference PC agent") { report };
    }

    /// <summary>Sends one report on a new mutual-TLS connection; prints the gateway's answer.</summary>
    internal static async Task<int> SendAsync(Uri endpoint, X509Certificate2 certificate, X509Certificate2? trustedCa, byte[] body, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var handler = CreateHandler(certificate, trustedCa);
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(endpoint, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"ゲートウェイに接続できません / cannot reach the gateway: {e.Message}{(e.InnerException is { } inner ? " — " + inner.Message : "")}");
            return 1;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement answer;
            try
            {
                answer = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                error.WriteLine($"ゲートウェイの応答を読めません / unreadable answer ({(int)response.StatusCode}): {text}");
                return 1;
            }
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"拒否されました / refused ({(int)response.StatusCode} {Read(answer, "code")}): {Read(answer, "title")} / {Read(answer, "detail")}");
                return 1;
            }
            var compliant = answer.TryGetProperty("compliant", out var c) && c.ValueKind == JsonValueKind.True;
            output.WriteLine(compliant
                ? $"報告を保存しました。適合しています / stored: compliant ({Read(answer, "assetTag")})"
                : $"報告を保存しました。不適合です / stored: NOT compliant ({Read(answer, "assetTag")})");
            if (answer.TryGetProperty("failures", out var failures))
            {
                foreach (var failure in failures.EnumerateArray())
                    output.WriteLine($"  - {Read(failure, "code")}: {Read(failure, "message")}");
            }
            return compliant ? 0 : 3;
        }
    }

    /// <summary>A handler that opens mutual-TLS connections with the PC's certificate, trusting only the given CA for the gateway when one is given.</summary>
    internal static SocketsHttpHandler CreateHandler(X509Certificate2 certificate, X509Certificate2? trustedCa) => new()
    {
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            // Present the PC's certificate whatever CA names the server lists.
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = trustedCa is null ? null : (_, server, _, errors) => TrustedBy(server, errors, trustedCa),
        },
    };

    /// <summary>Loads the PC's certificate with its key (plain or encrypted PKCS#8 PEM).</summary>
    internal static X509Certificate2 LoadClientCertificate(string certificatePath, string keyPath, string? password)
    {
        var keyPem = File.ReadAllText(keyPath);
        using var pem = keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password ?? throw new ArgumentException("the key is encrypted: give --key-password"), keyPath)
            : X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // A PKCS#12 round trip gives a key TLS can use on every OS.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static bool TrustedBy(X509Certificate? server, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (server is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(server);
        return chain.Build(presented);
    }

    private static string Read(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ToString() : "";
}

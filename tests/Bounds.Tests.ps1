#Requires -Version 7.2
# Bounded time and memory (issue 16): Ctrl+C reaches the compose planner and audit loops, and an endpoint that
# streams without end is refused at the answer cap instead of buffering gigabytes until the 30 s timeout.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $Suite = Initialize-TestSuite -Name 'bounds'
    $ModulePath = $Suite.Module
    $RunId = $Suite.RunId
    $Scratch = $Suite.Dir

    # A file large enough that its repair plan takes tens of seconds on these machines.
    function New-LargeCompose([string] $Path, [int] $Services) {
        $sb = [Text.StringBuilder]::new("services:`n")
        for ($i = 0; $i -lt $Services; $i++) {
            [void]$sb.Append("  svc${i}:`n    image: registry.local/app${i}:1.0`n    privileged: true`n    cap_add: [SYS_ADMIN]`n    security_opt: [`"seccomp:unconfined`"]`n")
        }
        [IO.File]::WriteAllText($Path, $sb.ToString())
    }

    # Starts the command in its own runspace, stops it as Ctrl+C would once it has run a while, and says how long the stop took.
    function Measure-Stop([scriptblock] $Command, [object[]] $Arguments, [double] $RunFor = 4) {
        $ps = [powershell]::Create()
        try {
            [void]$ps.AddScript("Import-Module '$ModulePath'").Invoke()
            $ps.Commands.Clear()
            [void]$ps.AddScript($Command.ToString())
            foreach ($a in $Arguments) { [void]$ps.AddArgument($a) }
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds $RunFor
            $completedEarly = $async.IsCompleted
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            [pscustomobject]@{ CompletedEarly = $completedEarly; StopSeconds = $watch.Elapsed.TotalSeconds; State = $ps.InvocationStateInfo.State }
        }
        finally {
            $ps.Dispose()
        }
    }
}

AfterAll {
    Remove-TestSuite $Suite
}

Describe 'Ctrl+C during long compose work' {
    BeforeAll {
        $Large = Join-Path $Scratch 'large.yml'
        New-LargeCompose $Large 40000
        $Before = (Get-FileHash -LiteralPath $Large).Hash
        # About 6 MB, over the 4 MiB default limit: this suite raises the limit (process-wide, as a user would) so
        # that the work is long enough to be stopped.
        $SavedLimit = $env:DOCKERHARDEN_MAX_FILE_SIZE
        $env:DOCKERHARDEN_MAX_FILE_SIZE = '64m'
    }

    AfterAll {
        $env:DOCKERHARDEN_MAX_FILE_SIZE = $SavedLimit
    }

    It 'stops Repair-ComposeFile within a couple of seconds and leaves the file untouched' {
        $stop = Measure-Stop { param($f) Repair-ComposeFile -LiteralPath $f -NoBackup -Confirm:$false } @($Large)
        $stop.CompletedEarly | Should -BeFalse -Because 'the repair must still be running when it is stopped'
        $stop.StopSeconds | Should -BeLessThan 3
        $stop.State | Should -Be 'Stopped'
        (Get-FileHash -LiteralPath $Large).Hash | Should -Be $Before
        @(Get-ChildItem -LiteralPath $Scratch).Name | Should -Be @('large.yml') -Because 'no temp file or backup is left'
    }

    It 'stops Get-ComposeHardening within a couple of seconds' {
        $stop = Measure-Stop { param($f) Get-ComposeHardening -LiteralPath $f | Out-Null } @($Large) -RunFor 3
        $stop.CompletedEarly | Should -BeFalse
        $stop.StopSeconds | Should -BeLessThan 3
        $stop.State | Should -Be 'Stopped'
    }
}

Describe 'An engine endpoint that answers without end' {
    BeforeAll {
        $server = @'
import socket, threading
def handle(c):
    try:
        data = b''
        while b'\r\n\r\n' not in data:
            d = c.recv(4096)
            if not d:
                return
            data += d
        if data.split(b' ')[1].endswith(b'/_ping'):
            c.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK')
            return
        # An answer that never ends: JSON that keeps growing, with no length and no end.
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"Containers":[')
        chunk = b'"' + b'x' * 65536 + b'",'
        while True:
            c.sendall(chunk)
    except Exception:
        pass
    finally:
        c.close()
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
while True:
    conn, _ = s.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()
'@
        $script = Join-Path $Scratch 'endless.py'
        Set-Content -LiteralPath $script -Value $server
        $start = [System.Diagnostics.ProcessStartInfo]::new('python3', "-u $script")
        $start.RedirectStandardOutput = $true
        $Server = [System.Diagnostics.Process]::Start($start)
        $Endpoint = "tcp://127.0.0.1:$($Server.StandardOutput.ReadLine())"
    }

    AfterAll {
        if ($Server) { $Server.Kill(); $Server.WaitForExit(5000) | Out-Null }
    }

    It '<Command> fails with DockerRequestFailed at the 64 MB cap, naming the endpoint and the request' -TestCases @(
        @{ Command = 'Get-ContainerHardening'; Request = 'GET /containers/json' }
        @{ Command = 'Test-DaemonHardening'; Request = 'GET /info' }
    ) {
        # In a child process, so that its peak memory is its own.
        $child = @"
Import-Module '$ModulePath'
`$watch = [Diagnostics.Stopwatch]::StartNew()
try { $Command -DockerHost '$Endpoint' -ErrorAction Stop | Out-Null; 'no error' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
[math]::Round(`$watch.Elapsed.TotalSeconds, 1)
((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')
"@
        $out = @(& (Get-PwshPath) -NoProfile -NonInteractive -Command $child)
        $out[0] | Should -BeLike "DockerRequestFailed,*"
        $out[1] | Should -BeLike "*$Endpoint*"
        $out[1] | Should -BeLike "*$Request*larger than 64 MB*"
        [double]$out[2] | Should -BeLessThan 15
        [long]$out[3] / 1KB | Should -BeLessThan 700 -Because 'peak working set in MB: the answer is not buffered past the cap'
    }
}

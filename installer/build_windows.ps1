# Windows build: PyInstaller one-folder "Counter", smoke test, then the NSIS installer.
# Run ON WINDOWS 10/11 x64 (PyInstaller does not cross-compile), in PowerShell:
#     powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
# Needs: Python 3.11.9 x64 exactly (the "py" launcher finds it, or set COUNTER_PYTHON to its
# python.exe) and NSIS 3 (makensis on PATH or in "Program Files (x86)\NSIS").
# Python packages come only from requirements\build.lock, hash-checked (scripts/lock.sh).
# Output: dist\Counter\ (the program) and dist\Counter-<version>-setup.exe (what you ship).
param([switch]$SkipInstall)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# The pinned Python: the locks are resolved for 3.11, and 3.11.9 is the last 3.11 release with a
# Windows installer. Another version would freeze a different interpreter into the program.
$PythonVersion = "3.11.9"
$VersionCheck = "import struct, sys; print('%d.%d.%d-%dbit' % (sys.version_info[:3] + (struct.calcsize('P') * 8,)))"
$Wanted = "$PythonVersion-64bit"

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $Arguments failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    $Base = $env:COUNTER_PYTHON
    if (-not $Base) {
        if (-not (Get-Command py -ErrorAction SilentlyContinue)) {
            throw "Python $PythonVersion (64-bit) is needed: install it from python.org (with the py launcher) or set COUNTER_PYTHON to its python.exe"
        }
        $Base = (& py -3.11 -c "import sys; print(sys.executable)")
        if ($LASTEXITCODE -ne 0 -or -not $Base) { throw "py -3.11 found no Python 3.11: install Python $PythonVersion (64-bit) from python.org" }
    }
    $Found = (& $Base -c $VersionCheck)
    if ($Found -ne $Wanted) {
        throw "this build needs Python $Wanted, but ${Base} is ${Found}: install Python $PythonVersion (64-bit) or set COUNTER_PYTHON to it"
    }
    Invoke-Checked $Base @("-m", "venv", ".venv")
}
$Py = Join-Path $Root ".venv\Scripts\python.exe"
$Found = (& $Py -c $VersionCheck)
if ($Found -ne $Wanted) {
    throw ".venv runs Python ${Found}, not the pinned ${Wanted}: delete .venv and run this script again"
}
if (-not $SkipInstall) {
    # Pinned and hash-checked, pip and setuptools included; then the project itself, built by
    # those pinned setuptools, its dependencies already there.
    Invoke-Checked $Py @("-m", "pip", "install", "--require-hashes", "-r", "requirements\build.lock")
    Invoke-Checked $Py @("-m", "pip", "install", "--no-deps", "--no-build-isolation", "-e", ".")
}
$Version = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

Invoke-Checked $Py @("scripts\i18n.py")
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", "dist",
                     "--workpath", "build\pyinstaller", "installer\counter.spec")

# counter-app.exe is a windowed program: start it and wait for its exit code.
$env:QT_QPA_PLATFORM = "offscreen"
$smoke = Start-Process -FilePath "dist\Counter\counter-app.exe" -ArgumentList "--smoke" -Wait -PassThru -NoNewWindow
Remove-Item Env:QT_QPA_PLATFORM
if ($smoke.ExitCode -ne 0) { throw "smoke test of the frozen program failed (exit $($smoke.ExitCode))" }
Write-Host "smoke test passed"

$MakeNsis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
if (-not (Test-Path $MakeNsis)) { throw "makensis not found: install NSIS 3" }
$Nums = @(([regex]::Matches($Version, "\d+") | Select-Object -First 4 | ForEach-Object { $_.Value }))
while ($Nums.Count -lt 4) { $Nums += "0" }
$Out = Join-Path $Root "dist\Counter-$Version-setup.exe"
Invoke-Checked $MakeNsis @("/V2", "/WX", "/INPUTCHARSET", "UTF8", "/DAPP_DIR=$Root\dist\Counter",
                           "/DVERSION=$Version", "/DVERSION4=$($Nums -join '.')", "/DOUTFILE=$Out",
                           "installer\windows\counter.nsi")
Write-Host "built $Out ($([math]::Round((Get-Item $Out).Length / 1MB, 1)) MB)"

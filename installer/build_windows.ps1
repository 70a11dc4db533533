# Windows build: PyInstaller one-folder "Counter", smoke test, then the NSIS installer.
# Run ON WINDOWS 10/11 x64 (PyInstaller does not cross-compile), in PowerShell:
#     powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
# Needs: Python 3.11+ x64 ("py" launcher or python on PATH) and NSIS 3
# (https://nsis.sourceforge.io; makensis on PATH or in "Program Files (x86)\NSIS").
# Output: dist\Counter\ (the program) and dist\Counter-<version>-setup.exe (what you ship).
param([switch]$SkipInstall)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $Arguments failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    if (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Checked py @("-3", "-m", "venv", ".venv") }
    else { Invoke-Checked python @("-m", "venv", ".venv") }
}
$Py = Join-Path $Root ".venv\Scripts\python.exe"
if (-not $SkipInstall) {
    Invoke-Checked $Py @("-m", "pip", "install", "--upgrade", "pip")
    Invoke-Checked $Py @("-m", "pip", "install", "-e", ".", "pyinstaller==6.22.3")
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

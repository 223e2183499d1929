@echo off
rem NN with PyTorch on Windows (cmd): "course lab" is "py course.py lab"; see course.py.
where py >nul 2>nul
if errorlevel 1 (python "%~dp0course.py" %*) else (py "%~dp0course.py" %*)
exit /b %errorlevel%

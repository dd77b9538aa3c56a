"""What `crossdept weekly --out` may be: a folder of its own, neither a file nor the project folder."""

MESSAGES: dict[str, tuple[str, str]] = {
    "weekly.out-is-file": (
        "--out {path} 是一个文件；--out 应是存放每周输出的文件夹，例如 周报归档。未读取或写出任何文件。",
        "--out {path} is a file; --out is the folder the week's outputs go into, e.g. 周报归档. Nothing was "
        "read or written."),
    "weekly.out-holds-folder": (
        "--out {out} 包含了项目文件夹 {folder}：每周的输出会与工作簿混在一起，而 crossdept 不读取输出文件夹中的文件。"
        "请给出另外的文件夹，或项目文件夹下的子文件夹，例如 {example}。未读取或写出任何文件。",
        "--out {out} holds the project folder {folder}: the outputs would be mixed with the workbooks, and "
        "crossdept does not read what is inside its output folder. Give another folder, or a sub-folder of "
        "the project, e.g. {example}. Nothing was read or written."),
}

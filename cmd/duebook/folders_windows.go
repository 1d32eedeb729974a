package main

import "golang.org/x/sys/windows"

// shellDocuments asks Windows for the Documents folder, wherever the owner has moved it.
func shellDocuments() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return d
}

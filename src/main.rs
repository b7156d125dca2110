fn main() {
    guanxi::start();
}
